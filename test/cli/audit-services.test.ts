import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { stubHealthyAccount } from '../support/account-stubs';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * `preflight audit --service S --env E` against AWS (stubbed at the SDK clients): checked against
 * the configuration before any call, run with the caller's credentials, the environment's role
 * assumed (with its external id) in every region of the environment, the service's scope resolved.
 */

const NOW = new Date();
const PARTNER = '444455556666';
const ROLE = `arn:aws:iam::${PARTNER}:role/preflight-audit`;
const account = stubHealthyAccount(NOW);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterAll(() => {
  account.restore();
  tagging.restore();
});

function configFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-audit-'));
  const file = join(dir, 'preflight.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: {
        partner: {
          account: PARTNER,
          regions: ['eu-west-1', 'us-east-1'],
          access: { roleName: 'preflight-audit', externalId: 'ext-1234' },
        },
      },
      services: { payments: { environments: ['partner'], resources: { tags: { service: 'payments' } } } },
    }),
  );
  return file;
}

const allCalls = () =>
  [...Object.values(account.mocks), tagging].reduce((n, mock) => n + mock.calls().length, 0);

beforeEach(() => {
  account.install();
  tagging.reset();
  account.mocks.sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAPARTNER',
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: new Date(Date.now() + 3_600_000),
    },
  });
  account.mocks.sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: PARTNER, Arn: `arn:aws:sts::${PARTNER}:assumed-role/preflight-audit/x` });
  tagging.on(GetResourcesCommand).callsFake(async (_input, getClient) => {
    const region = await getClient().config.region();
    return {
      ResourceTagMappingList: [{ ResourceARN: `arn:aws:acm:${region}:${PARTNER}:certificate/pay` }],
      PaginationToken: '',
    };
  });
  account.mocks.acm.on(ListCertificatesCommand).callsFake(async (_input, getClient) => {
    const region = await getClient().config.region();
    return {
      CertificateSummaryList: ['pay', 'other'].map((id) => ({
        CertificateArn: `arn:aws:acm:${region}:${PARTNER}:certificate/${id}`,
        DomainName: `${id}.example.com`,
        Type: 'IMPORTED',
        Status: 'ISSUED',
        InUse: true,
        KeyAlgorithm: 'RSA_2048',
        NotAfter: new Date(NOW.getTime() + (id === 'pay' ? 200 : 2) * 86_400_000),
      })),
    };
  });
});

describe('preflight audit --service --env against AWS', () => {
  it.each([
    [['--service', 'paymnts', '--env', 'partner'], /unknown service "paymnts"; .*did you mean "payments"\?/],
    [['--service', 'payments', '--env', 'prod'], /service "payments" is not deployed to "prod"/],
    [['--env', 'partner'], /no service given; expected one of payments/],
  ])('refuses %j with exit 2 before any AWS call', async (args, message) => {
    const run = await runCliInProcess(['audit', '-c', configFile(), '--quiet', ...args]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(allCalls()).toBe(0);
  });

  it("assumes the environment's role with its external id and judges the service's resources in every region", async () => {
    const run = await runCliInProcess([
      'audit',
      '-c',
      configFile(),
      '--service',
      'payments',
      '--env',
      'partner',
      '--quiet',
      '--format',
      'json',
      '--checks',
      'acm-certificates',
    ]);
    const report = JSON.parse(run.stdout) as AuditReport;

    expect(run.code).toBe(0);
    expect(account.mocks.sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        RoleArn: ROLE,
        ExternalId: 'ext-1234',
        RoleSessionName: 'preflight-audit-payments-partner',
      }),
      expect.objectContaining({ RoleArn: ROLE, ExternalId: 'ext-1234' }),
    ]);
    expect(report.target).toMatchObject({ service: 'payments', environment: 'partner', account: PARTNER });
    expect(report.scope?.resources.map((r) => `${r.region} ${r.arn}`)).toEqual([
      `eu-west-1 arn:aws:acm:eu-west-1:${PARTNER}:certificate/pay`,
      `us-east-1 arn:aws:acm:us-east-1:${PARTNER}:certificate/pay`,
    ]);
    expect(report.findings.some((f) => f.resource.endsWith(':certificate/other'))).toBe(false);
  });

  it('reports an ERROR for the region whose role cannot be assumed, and judges the other', async () => {
    account.mocks.sts.on(AssumeRoleCommand).callsFake(async (_input, getClient) => {
      if ((await getClient().config.region()) === 'us-east-1') {
        throw Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
      }
      return {
        Credentials: {
          AccessKeyId: 'ASIAPARTNER',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 3_600_000),
        },
      };
    });
    const run = await runCliInProcess([
      'audit',
      '-c',
      configFile(),
      '--service',
      'payments',
      '--env',
      'partner',
      '--quiet',
      '--format',
      'json',
      '--checks',
      'acm-certificates',
    ]);
    const report = JSON.parse(run.stdout) as AuditReport;

    expect(run.code).toBe(2);
    expect(report.verdict).toBe('ERROR');
    expect(report.findings.filter((f) => f.region === 'us-east-1')).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        rule: 'access',
        resource: `${PARTNER} us-east-1`,
        message: expect.stringMatching(/could not assume/),
      }),
    ]);
    expect(
      report.findings.filter((f) => f.region === 'eu-west-1' && f.status === 'PASS').length,
    ).toBeGreaterThan(0);
  });
});
