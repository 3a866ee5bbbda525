import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run as runAlarmsCheck } from '../../lambdas/handlers/audit/checks/alarms';
import type { RunCheckEvent, ValidatedAudit } from '../../lambdas/handlers/audit/contract';
import { run as validateInputHandler } from '../../lambdas/handlers/audit/validate-input';
import type { ExtractedStateMachine } from '../harness/asl';
import type { LocalTask } from '../harness/run';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * A gate is worth what it judged: it judges every enabled check, and a check whose result cannot be
 * read back is an ERROR for its items, never an empty pass.
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
});

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = auditMachineFor({});
});

beforeEach(() => {
  s3.install();
  account.install();
});

function itemStatus(report: { items: readonly { id: string; status: string }[] } | undefined, id: string) {
  return report?.items.find((i) => i.id === id)?.status;
}

describe('audit state machine: a gate judges every enabled check', () => {
  it.each([[{ checks: ['acm-certificates', 'alarms'] }], [{ mode: 'gate', checks: ['database-backups'] }]])(
    'rejects a checks subset in gate mode (%j), naming the field and why',
    async (input) => {
      const run = await runAudit(s3, machine, { ...input, attestations: ALL_ATTESTATIONS });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(
        /checks: a gate judges every enabled check; a subset is for scheduled runs and `preflight audit`/,
      );
      expect(run.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual([]);
      expect(run.published).toEqual([]);
    },
  );

  it('does not pass a failing backup check even when someone asked for other checks only', async () => {
    account.mocks.rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-db',
          DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders-db',
          Engine: 'postgres',
          BackupRetentionPeriod: 0,
        },
      ],
    });

    const subset = await runAudit(s3, machine, { checks: ['alarms'], attestations: ALL_ATTESTATIONS });
    const whole = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS }, { name: 'deploy-43' });

    expect(subset.output).toBeUndefined();
    expect(whole.output?.verdict).toBe('FAIL');
    expect(whole.output?.blockingItems).toContain('infrastructure.database-backups');
  });

  it('reports ERROR, never PASS, for an enabled check the run did not judge', async () => {
    const dropChecks: LocalTask = async (input) => {
      const audit = (await validateInputHandler(input as never)) as ValidatedAudit;
      return { ...audit, checkIds: ['alarms'], tasks: [{ checkId: 'alarms' }] } as never;
    };

    const run = await runAudit(
      s3,
      machine,
      { attestations: ALL_ATTESTATIONS },
      { tasks: { 'Validate input': dropChecks } },
    );

    expect(run.output?.verdict).toBe('ERROR');
    expect(itemStatus(run.report, 'infrastructure.database-backups')).toBe('ERROR');
    expect(itemStatus(run.report, 'security.ssl-certificates')).toBe('ERROR');
    expect(itemStatus(run.report, 'infrastructure.monitoring-alerting')).toBe('PASS');
    expect(run.report?.findings.find((f) => f.checkId === 'database-backups')).toMatchObject({
      status: 'ERROR',
      message: expect.stringMatching(/was not run/),
    });
  });

  it('runs only the chosen checks in a scheduled run', async () => {
    const run = await runAudit(s3, machine, { mode: 'scheduled', checks: ['alarms'] });

    expect(run.error).toBeUndefined();
    expect(run.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual(['Run check (alarms)']);
    expect(run.report?.checks.map((c) => c.checkId)).toEqual(['alarms']);
    expect(itemStatus(run.report, 'security.ssl-certificates')).toBe('NOT_RUN');
  });
});

describe('audit state machine: a stored check result that cannot be read', () => {
  const RESULT = '/runs/deploy-42/checks/alarms.json';
  const storedKey = () => [...s3.objects.keys()].find((key) => key.endsWith(RESULT)) as string;

  /** The real check task, then `tamper` on what it stored for the alarms check. */
  const runCheckThen =
    (tamper: (key: string) => void, pointer: (p: Record<string, unknown>) => unknown = (p) => p): LocalTask =>
    async (input) => {
      const event = input as unknown as RunCheckEvent;
      const result = (await runAlarmsCheck(event)) as unknown as Record<string, unknown>;
      if (event.task.checkId !== 'alarms') return result as never;
      tamper(storedKey());
      return pointer(result) as never;
    };

  it.each([
    ['missing', (key: string) => s3.objects.delete(key), /ResultMissing/],
    ['not JSON', (key: string) => s3.objects.set(key, '{"checkId": "alar'), /ResultUnreadable/],
    [
      'without findings',
      (key: string) => s3.objects.set(key, JSON.stringify({ checkId: 'alarms', findings: [] })),
      /ResultUnreadable/,
    ],
    [
      "another check's findings",
      (key: string) =>
        s3.objects.set(
          key,
          JSON.stringify({
            checkId: 'alarms',
            startedAt: NOW.toISOString(),
            durationMs: 1,
            findings: [
              { checkId: 'secrets-rotation', rule: 'r', resource: '*', status: 'PASS', message: 'ok' },
            ],
          }),
        ),
      /ResultUnreadable/,
    ],
    [
      'a finding with an unknown status',
      (key: string) =>
        s3.objects.set(
          key,
          JSON.stringify({
            checkId: 'alarms',
            startedAt: NOW.toISOString(),
            durationMs: 1,
            findings: [{ checkId: 'alarms', rule: 'r', resource: '*', status: 'FINE', message: 'ok' }],
          }),
        ),
      /ResultUnreadable/,
    ],
    [
      'a finding claiming MUTED (only the configuration mutes)',
      (key: string) =>
        s3.objects.set(
          key,
          JSON.stringify({
            checkId: 'alarms',
            startedAt: NOW.toISOString(),
            durationMs: 1,
            findings: [
              {
                checkId: 'alarms',
                rule: 'r',
                resource: '*',
                status: 'MUTED',
                message: 'ok',
                mute: { status: 'FAIL', resource: '*', reason: 'trust me', until: '2099-01-01' },
              },
            ],
          }),
        ),
      /ResultUnreadable/,
    ],
  ])('is an ERROR for its items when the result is %s', async (_case, tamper, reason) => {
    const run = await runAudit(
      s3,
      machine,
      { attestations: ALL_ATTESTATIONS },
      { tasks: { 'Run check (alarms)': runCheckThen(tamper) } },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('ERROR');
    expect(run.output?.blockingItems).toEqual(['infrastructure.monitoring-alerting', 'realtime.alert-rules']);
    const alarms = run.report?.findings.filter((f) => f.checkId === 'alarms');
    expect(alarms).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        message: expect.stringMatching(reason),
        evidence: expect.objectContaining({
          cause: expect.stringContaining('runs/deploy-42/checks/alarms.json'),
        }),
      }),
    ]);
    expect(itemStatus(run.report, 'security.ssl-certificates')).toBe('PASS');
  });

  it("reads this run's own result, not whatever a pointer names", async () => {
    const run = await runAudit(
      s3,
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Run check (alarms)': runCheckThen(
            (key) => {
              s3.objects.set(key.replace('deploy-42', 'old-run'), s3.objects.get(key) as string);
              s3.objects.delete(key);
            },
            (p) => ({ ...p, resultKey: 'runs/old-run/checks/alarms.json' }),
          ),
        },
      },
    );

    expect(run.output?.verdict).toBe('ERROR');
    expect(run.report?.findings.find((f) => f.checkId === 'alarms')?.message).toMatch(/ResultMissing/);
  });
});
