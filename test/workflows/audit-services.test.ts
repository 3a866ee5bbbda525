import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import type { ExtractedStateMachine } from '../harness/asl';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { isReachRole, notAuthorized, reachRoleSession, signedByReachRole } from '../support/reach-role';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * Services in the audit machine: two services in one account, each judged on its own resources;
 * a gate over two regions; account-wide findings once per account; an account whose role cannot be
 * assumed in one region. The real handlers run; AWS is stubbed at the SDK clients (STS included),
 * answering per region and per credentials as AWS would.
 */

const OWN = '123456789012';
const PARTNER = '444455556666';
const PARTNER_ROLE = `arn:aws:iam::${PARTNER}:role/preflight-audit`;
const DAY = 86_400_000;
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const certArn = (region: string, account: string, id: string) =>
  `arn:aws:acm:${region}:${account}:certificate/${id}`;

const CONFIG: PreflightConfigInput = {
  environments: {
    prod: { account: OWN, regions: ['us-east-1', 'eu-west-1'] },
    partner: {
      account: PARTNER,
      regions: ['us-east-1', 'eu-west-1'],
      access: { roleName: 'preflight-audit', externalId: 'preflight-partner' },
    },
  },
  services: {
    'orders-api': {
      environments: ['prod'],
      resources: { tags: { service: 'orders-api' } },
      accountFindings: 'report',
    },
    payments: { environments: ['prod', 'partner'], resources: { tags: { service: 'payments' } } },
  },
};

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const cloudformation = mockClient(CloudFormationClient);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
  tagging.restore();
  cloudformation.restore();
});

/** The account and region a stubbed client reaches: the assumed role's keys name the partner account. */
async function whereIs(
  getClient: () => {
    config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string }> };
  },
) {
  const client = getClient();
  const [region, credentials] = await Promise.all([client.config.region(), client.config.credentials()]);
  return { region, account: credentials.accessKeyId === 'ASIAPARTNER' ? PARTNER : OWN };
}

/** Certificates per account and region, and their tags. */
const CERTS = (region: string, acct: string) =>
  [
    { id: 'orders', domain: 'api.example.com', days: 200, tags: { service: 'orders-api' } },
    { id: 'payments', domain: 'pay.example.com', days: 3, tags: { service: 'payments' } },
    { id: 'nobody', domain: 'old.example.com', days: -10, tags: {} as Record<string, string> },
  ].map((c) => ({ ...c, arn: certArn(region, acct, c.id) }));

function install() {
  account.install();
  tagging.reset();
  cloudformation.reset();
  account.mocks.sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: OWN, Arn: `arn:aws:sts::${OWN}:assumed-role/RunCheck/x` });
  account.mocks.sts
    .on(AssumeRoleCommand)
    .callsFake(async (input: { RoleArn: string; ExternalId?: string }, getClient) => {
      // The check functions' first hop; the partner's role trusts only the reach role's session.
      if (isReachRole(input.RoleArn)) return reachRoleSession(days(1));
      const region = await getClient().config.region();
      if (!(await signedByReachRole(getClient))) throw notAuthorized(input);
      if (region === 'eu-west-1') {
        throw Object.assign(new Error(`STS is not activated in this region for account:${PARTNER}`), {
          name: 'RegionDisabledException',
          $metadata: { httpStatusCode: 403 },
        });
      }
      if (input.RoleArn !== PARTNER_ROLE || input.ExternalId !== 'preflight-partner')
        throw new Error('bad role');
      return {
        Credentials: {
          AccessKeyId: 'ASIAPARTNER',
          SecretAccessKey: 'secret',
          SessionToken: 'token',
          Expiration: days(1),
        },
      };
    });
  account.mocks.acm.on(ListCertificatesCommand).callsFake(async (_input, getClient) => {
    const { region, account: acct } = await whereIs(getClient as never);
    return {
      CertificateSummaryList: CERTS(region, acct).map((c) => ({
        CertificateArn: c.arn,
        DomainName: c.domain,
        // Amazon-issued and close to expiry: judging it means describing its renewal.
        Type: c.id === 'payments' ? 'AMAZON_ISSUED' : 'IMPORTED',
        Status: c.days < 0 ? 'EXPIRED' : 'ISSUED',
        InUse: true,
        KeyAlgorithm: 'RSA_2048',
        NotAfter: days(c.days),
      })),
    };
  });
  account.mocks.acm.on(DescribeCertificateCommand).resolves({ Certificate: {} });
  tagging
    .on(GetResourcesCommand)
    .callsFake(
      async (
        input: { TagFilters: Array<{ Key: string; Values: string[] }>; ResourceTypeFilters: string[] },
        getClient,
      ) => {
        const { region, account: acct } = await whereIs(getClient as never);
        const wanted = input.TagFilters;
        const certs = input.ResourceTypeFilters.includes('acm:certificate') ? CERTS(region, acct) : [];
        return {
          ResourceTagMappingList: certs
            .filter((c) =>
              wanted.every((f) => f.Values.includes((c.tags as Record<string, string>)[f.Key] ?? '')),
            )
            .map((c) => ({ ResourceARN: c.arn })),
          PaginationToken: '',
        };
      },
    );
  // An IAM user with a key far past its age: an account-wide FAIL.
  account.mocks.iam.on(ListUsersCommand).resolves({
    Users: [
      {
        UserName: 'ci',
        Arn: `arn:aws:iam::${OWN}:user/ci`,
        UserId: 'A',
        Path: '/',
        CreateDate: days(-900),
      },
    ],
  });
  account.mocks.iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [{ UserName: 'ci', AccessKeyId: 'AKIAOLD', Status: 'Active', CreateDate: days(-400) }],
  });
  account.mocks.iam
    .on(GetAccessKeyLastUsedCommand)
    .resolves({ AccessKeyLastUsed: { LastUsedDate: days(-1), ServiceName: 's3', Region: 'us-east-1' } });
}

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = auditMachineFor(CONFIG);
});
beforeEach(() => {
  s3.install();
  install();
});

const gate = (service: string, environment: string, name = `${service}-${environment}-1`) =>
  runAudit(s3, machine, { service, environment, attestations: ALL_ATTESTATIONS }, { name });

describe('audit machine: a service is judged on its own resources only', () => {
  it("passes orders-api's gate while payments' certificate expires in the same account", async () => {
    const orders = await gate('orders-api', 'prod');
    const payments = await gate('payments', 'prod');

    expect(orders.output?.verdict).toBe('PASS');
    expect(payments.output?.verdict).toBe('FAIL');
    expect(payments.report?.findings.find((f) => f.status === 'FAIL')?.resource).toBe(
      certArn('us-east-1', OWN, 'payments'),
    );
    const judged = orders.report?.findings.map((f) => f.resource) ?? [];
    expect(
      judged.filter((r) => r.includes(':certificate/payments') || r.includes(':certificate/nobody')),
    ).toEqual([]);
  });

  it('never describes another service’s certificate, even one about to expire', async () => {
    const described = () =>
      account.mocks.acm.commandCalls(DescribeCertificateCommand).map((c) => c.args[0].input.CertificateArn);
    await gate('payments', 'prod');
    expect(described()).toContain(certArn('us-east-1', OWN, 'payments'));

    account.mocks.acm.resetHistory();
    await gate('orders-api', 'prod');
    expect(described()).toEqual([]);
  });

  it('lists the scope in the report: target, resources with why, per region', async () => {
    const { report } = await gate('orders-api', 'prod');

    expect(report?.target).toEqual({
      service: 'orders-api',
      environment: 'prod',
      account: OWN,
      regions: ['us-east-1', 'eu-west-1'],
      implicit: false,
    });
    expect(report?.scope).toMatchObject({
      selectors: ['tag service=orders-api'],
      unmatched: [],
      resources: [
        {
          arn: certArn('eu-west-1', OWN, 'orders'),
          region: 'eu-west-1',
          why: ['tag service=orders-api'],
          checks: ['acm-certificates'],
        },
        {
          arn: certArn('us-east-1', OWN, 'orders'),
          region: 'us-east-1',
          why: ['tag service=orders-api'],
          checks: ['acm-certificates'],
        },
      ],
    });
  });

  it('warns, never passes by silence, for each check and region where the scope holds nothing', async () => {
    const { report } = await gate('orders-api', 'prod');
    const empty = report?.findings.filter((f) => f.rule === 'scope') ?? [];
    expect(empty.map((f) => `${f.checkId}@${f.region} ${f.status}`).sort()).toEqual(
      [
        'alarms',
        'auto-scaling-policies',
        'cors-policies',
        'database-backups',
        'disk-space',
        'environment-variables',
        'deployment-strategy',
        'load-balancer-health-checks',
        'log-delivery',
        'metrics-collection',
        'network-configuration',
        'rate-limiting',
        'resource-limits',
        'rollback-tested',
        'secrets-encryption',
        'secrets-rotation',
        'ssm-secure-parameters',
        'tls-endpoints',
        'tracing',
      ]
        .flatMap((id) => [`${id}@eu-west-1 WARN`, `${id}@us-east-1 WARN`])
        .sort(),
    );
    expect(empty.find((f) => f.checkId === 'alarms')?.message).toMatch(
      /Nothing of orders-api in scope .*tag service=orders-api matched nothing/,
    );
  });

  it('stores one result per check and region, and the account-wide check once', async () => {
    await gate('orders-api', 'prod');
    const keys = [...s3.objects.keys()]
      .filter((k) => k.includes('/checks/'))
      .map((k) => k.replace(/^.*\/checks\//, ''));
    expect(keys).toContain('acm-certificates@us-east-1.json');
    expect(keys).toContain('acm-certificates@eu-west-1.json');
    expect(keys.filter((k) => k.startsWith('iam-access-keys'))).toEqual(['iam-access-keys@us-east-1.json']);
  });
});

describe('audit machine: the gate in the history', () => {
  it('records the service, environment and account of the gate (a gate over several regions names none)', async () => {
    await gate('payments', 'partner');
    const events = account.mocks.dynamodb
      .commandCalls(PutItemCommand)
      .map((c) => JSON.parse(c.args[0].input.Item?.event?.S ?? '{}') as Record<string, unknown>);
    expect(events.find((e) => e.kind === 'gate')).toMatchObject({
      service: 'payments',
      environment: 'partner',
      account: PARTNER,
    });
    expect(events.find((e) => e.kind === 'gate')?.region).toBeUndefined();
  });
});

describe('audit machine: account-wide findings', () => {
  it('are judged once per account and shown apart; they block a service with accountFindings block', async () => {
    const { report, output } = await gate('payments', 'prod');

    expect(report?.account).toMatchObject({ blocks: true, status: 'FAIL' });
    expect(report?.account?.findings.filter((f) => f.status === 'FAIL')).toHaveLength(1);
    expect(report?.account?.findings.every((f) => f.evidence?.scope === 'account')).toBe(true);
    expect(output?.blockingItems).toContain('security.api-keys-rotated');
  });

  it('are shown but do not block a service with accountFindings report', async () => {
    const { report, output } = await gate('orders-api', 'prod');

    expect(output?.verdict).toBe('PASS');
    expect(report?.account).toMatchObject({ blocks: false, status: 'FAIL' });
    expect(report?.findings.some((f) => f.checkId === 'iam-access-keys')).toBe(false);
    expect(account.mocks.iam.commandCalls(ListUsersCommand)).toHaveLength(1);
  });
});

describe('audit machine: an account whose role cannot be assumed', () => {
  it('is an ERROR for that account and region; the other region is still judged with the role', async () => {
    const { output, report } = await gate('payments', 'partner');

    expect(output?.verdict).toBe('FAIL');
    const eu = report?.findings.filter((f) => f.region === 'eu-west-1') ?? [];
    expect(eu.length).toBeGreaterThan(0);
    expect(eu.every((f) => f.status === 'ERROR' && f.rule === 'access')).toBe(true);
    expect(eu[0]).toMatchObject({
      resource: `${PARTNER} eu-west-1`,
      message: expect.stringMatching(
        /could not assume arn:aws:iam::444455556666:role\/preflight-audit .*RegionDisabledException/,
      ),
    });
    // us-east-1 was reached through the role: the partner's own certificate is judged there.
    expect(report?.findings.find((f) => f.status === 'FAIL')?.resource).toBe(
      certArn('us-east-1', PARTNER, 'payments'),
    );
    expect(output?.blockingItems).toEqual(
      expect.arrayContaining(['security.ssl-certificates', 'infrastructure.database-backups']),
    );
  });
});

describe('audit machine: input naming services and environments', () => {
  it.each([
    [
      { service: 'order-api', environment: 'prod' },
      /unknown service "order-api"; .*did you mean "orders-api"\?/,
    ],
    [{ service: 'orders-api', environment: 'partner' }, /service "orders-api" is not deployed to "partner"/],
    [{ environment: 'prod' }, /no service given; expected one of orders-api, payments/],
    [{ service: 'payments', environment: 'prod', region: 'eu-west-1' }, /region: a gate judges every region/],
  ])('rejects %j before any check runs, with the configuration’s own words', async (input, message) => {
    const run = await runAudit(s3, machine, { ...input, attestations: ALL_ATTESTATIONS });
    expect(run.error?.name).toBe('InvalidInputError');
    expect(run.error?.cause).toMatch(message);
    expect(run.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual([]);
  });

  it('runs a scheduled audit of one region of a service', async () => {
    const run = await runAudit(s3, machine, {
      mode: 'scheduled',
      service: 'payments',
      environment: 'prod',
      region: 'eu-west-1',
    });

    expect(run.report?.target).toMatchObject({
      service: 'payments',
      region: 'eu-west-1',
      regions: ['eu-west-1'],
    });
    expect(new Set(run.report?.checks.map((c) => c.region))).toEqual(new Set(['eu-west-1']));
    expect([...s3.objects.keys()].some((k) => k.endsWith('/checks/acm-certificates.json'))).toBe(true);
  });

  it('keeps {"mode":"scheduled"} alone: the whole account Preflight runs in', async () => {
    const run = await runAudit(s3, machine, { mode: 'scheduled' });
    expect(run.report?.target).toMatchObject({ implicit: true });
    expect(run.report?.findings.some((f) => f.resource === certArn('us-east-1', OWN, 'nobody'))).toBe(true);
  });

  it('alarms still judge the whole list for required alarms', async () => {
    account.mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
    account.mocks.secrets.on(ListSecretsCommand).resolves({ SecretList: [] });
    const run = await gate('orders-api', 'prod');
    expect(run.output?.verdict).toBe('PASS');
  });
});
