import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { type ExtractedStateMachine, TEST_ACCOUNT, TEST_REGION } from '../harness/asl';
import { functionByEntry, invokeFunction } from '../harness/functions';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * With integrations.securityHub enabled, the audit machine imports the run's findings into Security
 * Hub after the report and before the notification: one stable id per problem, updated (not
 * duplicated) as it recovers, batches of at most 100, and a failed import counted, never a verdict.
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const securityHub = mockClient(SecurityHubClient);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
  securityHub.restore();
});

const PRODUCT_ARN = `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT}:product/${TEST_ACCOUNT}/default`;
const DOCS = 'https://docs.example.com/preflight/docs';

function certificates(count: number, daysLeft: number) {
  account.mocks.acm.on(ListCertificatesCommand).resolves({
    CertificateSummaryList: Array.from({ length: count }, (_, i) => ({
      CertificateArn: `arn:aws:acm:us-east-1:123456789012:certificate/cert-${i}`,
      DomainName: `shop-${i}.example.com`,
      Type: 'IMPORTED' as const,
      Status: 'ISSUED' as const,
      InUse: true,
      KeyAlgorithm: 'RSA_2048' as const,
      NotAfter: account.days(daysLeft),
    })),
  });
}

/** Every finding of every BatchImportFindings call, in order. */
function imported(): AwsSecurityFinding[] {
  return securityHub.commandCalls(BatchImportFindingsCommand).flatMap((c) => c.args[0].input.Findings ?? []);
}

function acceptAll() {
  securityHub.on(BatchImportFindingsCommand).callsFake(async (input: { Findings: unknown[] }) => ({
    SuccessCount: input.Findings.length,
    FailedCount: 0,
    FailedFindings: [],
  }));
}

const certificateFindings = (findings: AwsSecurityFinding[]) =>
  findings.filter((f) => f.GeneratorId === 'preflight/acm-certificates/expiry');

const failedImportCounted = expect.objectContaining({
  service: 'cloudwatch',
  action: 'putMetricData',
  parameters: expect.objectContaining({
    Namespace: 'Preflight',
    MetricData: [
      expect.objectContaining({
        MetricName: 'FindingsImportFailed',
        Dimensions: [{ Name: 'Workflow', Value: 'audit' }],
        Value: 1,
      }),
    ],
  }),
});

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = auditMachineFor({
    notifications: { emails: ['oncall@example.com'] },
    integrations: { securityHub: { enabled: true, docsUrl: DOCS } },
  });
});
beforeEach(() => {
  s3.install();
  account.install();
  securityHub.reset();
  acceptAll();
});

describe('audit state machine: findings into Security Hub', () => {
  it('imports a gate finding in ASFF: default product, stable id, checklist item, remediation text and docs link', async () => {
    certificates(1, 3);

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.statesEntered).toEqual(expect.arrayContaining(['Import findings', 'Put events', 'Notify']));
    const entered = run.statesEntered;
    expect(entered.indexOf('Import findings')).toBeLessThan(entered.indexOf('Notify'));
    const [finding] = certificateFindings(imported());
    expect(finding).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductArn: PRODUCT_ARN,
      AwsAccountId: TEST_ACCOUNT,
      GeneratorId: 'preflight/acm-certificates/expiry',
      Compliance: { Status: 'FAILED' },
      RecordState: 'ACTIVE',
      Severity: { Label: 'HIGH' },
      FindingProviderFields: { Severity: { Label: 'HIGH' } },
      Resources: [
        { Type: 'Other', Id: 'arn:aws:acm:us-east-1:123456789012:certificate/cert-0', Region: TEST_REGION },
      ],
      Remediation: { Recommendation: { Url: `${DOCS}/checks/tls.md` } },
      ProductFields: expect.objectContaining({
        'preflight/service': 'account',
        'preflight/environment': 'default',
        'preflight/status': 'FAIL',
        'preflight/runId': 'deploy-42',
      }),
    });
    expect(finding?.Id).toMatch(
      new RegExp(
        `^preflight/account/default/${TEST_ACCOUNT}/${TEST_REGION}/acm-certificates/expiry/[0-9a-f]{32}$`,
      ),
    );
    expect(finding?.Remediation?.Recommendation?.Text).toMatch(/\w/);
    // The checklist item the check speaks to, by id and in the description.
    const items = finding?.ProductFields?.['preflight/checklistItems'] ?? '';
    expect(items).not.toBe('none');
    expect(finding?.Description).toContain(`Checklist: ${items.split(',')[0]}`);
    expect(run.published).toHaveLength(1);
  });

  it('updates the same finding as it recovers, PASSED and archived, instead of adding one; then leaves it alone', async () => {
    certificates(1, 3);
    await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS }, { name: 'gate-1' });
    const [failing] = certificateFindings(imported());
    securityHub.reset();
    acceptAll();
    s3.install({ clear: false });
    account.install();
    certificates(1, 200);

    const recovered = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-2' });

    expect(recovered.output?.verdict).toBe('PASS');
    const sent = certificateFindings(imported());
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      Id: failing?.Id,
      CreatedAt: failing?.CreatedAt,
      Compliance: { Status: 'PASSED' },
      RecordState: 'ARCHIVED',
      FindingProviderFields: { Severity: { Label: 'INFORMATIONAL' } },
      ProductFields: expect.objectContaining({ 'preflight/status': 'PASS', 'preflight/runId': 'day-2' }),
    });
    // Every finding sent is either still open or this recovery: no new id for the certificate.
    expect(
      imported()
        .filter((f) => f.RecordState === 'ARCHIVED')
        .map((f) => f.Id),
    ).toEqual([failing?.Id]);

    securityHub.reset();
    acceptAll();
    s3.install({ clear: false });
    account.install();
    certificates(1, 200);
    await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-3' });
    expect(certificateFindings(imported())).toEqual([]);
  });

  it('keeps a finding open when its check could not run: an ERROR proves no recovery', async () => {
    certificates(1, 3);
    await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS }, { name: 'gate-1' });
    const [failing] = certificateFindings(imported());
    securityHub.reset();
    acceptAll();
    s3.install({ clear: false });
    account.install();
    account.mocks.acm
      .on(ListCertificatesCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));

    await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-2' });

    expect(imported().filter((f) => f.Id === failing?.Id)).toEqual([]);
    expect(
      imported().some(
        (f) =>
          f.GeneratorId?.startsWith('preflight/acm-certificates/') &&
          f.Compliance?.Status === 'NOT_AVAILABLE',
      ),
    ).toBe(true);
    const memory = s3.json<{ findings: Record<string, unknown> }>(
      `security-hub/account/default/${TEST_ACCOUNT}.json`,
    );
    expect(Object.keys(memory.findings)).toContain(failing?.Id);
  });

  it('sends at most 100 findings per request, all of them, each id once', async () => {
    certificates(230, 3);

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.output?.verdict).toBe('FAIL');
    const sizes = securityHub
      .commandCalls(BatchImportFindingsCommand)
      .map((c) => c.args[0].input.Findings?.length ?? 0);
    const all = imported();
    expect(certificateFindings(all)).toHaveLength(230);
    expect(new Set(all.map((f) => f.Id)).size).toBe(all.length);
    expect(Math.max(...sizes)).toBe(100);
    expect(sizes).toHaveLength(Math.ceil(all.length / 100));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(all.length);
  });

  it('counts findings Security Hub refused, keeps the verdict and the notification, and does not remember them as sent', async () => {
    certificates(2, 3);
    securityHub
      .on(BatchImportFindingsCommand)
      .callsFake(async (input: { Findings: AwsSecurityFinding[] }) => {
        const [refused, ...taken] = certificateFindings(input.Findings);
        return {
          SuccessCount: input.Findings.length - 1,
          FailedCount: 1,
          FailedFindings: [{ Id: refused?.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Title too long' }],
          taken,
        };
      });

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('FAIL');
    expect(run.published).toHaveLength(1);
    expect(run.sdkCalls).toContainEqual(failedImportCounted);
    const refusedId = certificateFindings(imported())[0]?.Id ?? '';
    const memory = s3.json<{ findings: Record<string, unknown> }>(
      `security-hub/account/default/${TEST_ACCOUNT}.json`,
    );
    expect(Object.keys(memory.findings)).not.toContain(refusedId);
    expect(Object.keys(memory.findings)).toContain(certificateFindings(imported())[1]?.Id);
  });

  it('still notifies with its verdict when Security Hub cannot be called at all, counting the failure', async () => {
    certificates(1, 3);
    securityHub
      .on(BatchImportFindingsCommand)
      .rejects(Object.assign(new Error('Security Hub is not enabled'), { name: 'InvalidAccessException' }));

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('FAIL');
    expect(run.published).toHaveLength(1);
    expect(run.sdkCalls).toContainEqual(failedImportCounted);
    expect(run.events.map((e) => e.detailType)).toEqual(['Preflight Gate Verdict']);
  });

  // The report is read back from the bucket, which more principals may write than the workflow: a
  // report planted between the report step and the import must not close what is still failing.
  it.each([
    {
      case: 'a report of no findings',
      plant: (report: AuditReport): AuditReport => ({ ...report, findings: [], items: [] }),
    },
    {
      case: 'a PASS with its counts',
      plant: (report: AuditReport): AuditReport => ({
        ...report,
        verdict: 'PASS',
        findings: [],
        counts: { ...report.counts, FAIL: 0 },
        blockingItems: [],
      }),
    },
    {
      case: 'the report of another service',
      plant: (report: AuditReport): AuditReport => ({
        ...report,
        target: { ...report.target, service: 'payments' },
      }),
    },
  ])('closes nothing on $case planted in the bucket, and counts the import as failed', async ({ plant }) => {
    certificates(1, 3);
    await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS }, { name: 'gate-1' });
    securityHub.reset();
    acceptAll();
    s3.install({ clear: false });
    account.install();
    certificates(1, 3);
    const importFunction = functionByEntry(machine, 'lambdas/handlers/audit/import-findings.ts');

    const run = await runAudit(
      s3,
      machine,
      { mode: 'scheduled' },
      {
        name: 'day-2',
        tasks: {
          'Import findings': async (input) => {
            const key = [...s3.objects.keys()].find((k) => k.endsWith('/runs/day-2/report.json')) as string;
            s3.objects.set(key, JSON.stringify(plant(JSON.parse(s3.objects.get(key) ?? '{}'))));
            return (await invokeFunction(importFunction, input)) as never;
          },
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(imported().filter((f) => f.RecordState === 'ARCHIVED')).toEqual([]);
    expect(run.sdkCalls).toContainEqual(failedImportCounted);
  });

  it('counts, and goes on, when the import function itself fails', async () => {
    certificates(1, 3);

    const run = await runAudit(
      s3,
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Import findings': async () => {
            throw Object.assign(new Error('out of memory'), { name: 'Runtime.ExitError' });
          },
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.published).toHaveLength(1);
    expect(run.sdkCalls).toContainEqual(failedImportCounted);
  });
});

describe('audit state machine without integrations.securityHub', () => {
  it('has no import step and calls no Security Hub', async () => {
    const plain = auditMachineFor({ notifications: { emails: ['oncall@example.com'] } });
    certificates(1, 3);

    const run = await runAudit(s3, plain, { attestations: ALL_ATTESTATIONS });

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.statesEntered).not.toContain('Import findings');
    expect(securityHub.commandCalls(BatchImportFindingsCommand)).toEqual([]);
  });
});
