import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * Mutes through the deployed gate: only the configuration mutes; a muted finding lets the gate pass
 * as MUTED, never as PASS; an expired mute is reported and mutes nothing; the gate's input cannot
 * carry a mute.
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
});
const ORDERS_DB = 'arn:aws:rds:us-east-1:123456789012:db:orders-db';
const LEGACY_DB = 'arn:aws:rds:us-east-1:123456789012:db:legacy-db';
const MUTES = [
  {
    check: 'database-backups',
    resource: ORDERS_DB,
    reason: 'Backups move to AWS Backup in OPS-77.',
    until: '2026-12-31',
  },
  {
    check: 'database-backups',
    resource: LEGACY_DB,
    reason: 'Decommissioned in October.',
    until: '2026-10-31',
  },
];

let machine: ExtractedStateMachine;
// One synthesis of the stack, which takes long on a loaded machine.
beforeAll(() => {
  machine = auditMachineFor({ mutes: MUTES });
}, 240_000);

beforeEach(() => {
  s3.install();
  account.install();
});

/** One database without backups, as RDS lists it. */
function dbWithoutBackups(arn: string) {
  account.mocks.rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: arn.split(':').at(-1),
        DBInstanceArn: arn,
        Engine: 'postgres',
        BackupRetentionPeriod: 0,
      },
    ],
  });
}

describe('audit state machine: mutes from the configuration', () => {
  it('passes a gate whose only failure is muted, reporting it MUTED (never PASS) and the expired mute', async () => {
    dbWithoutBackups(ORDERS_DB);

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('PASS');
    expect(run.output?.counts.MUTED).toBeGreaterThan(0);
    const item = run.report?.items.find((i) => i.id === 'infrastructure.database-backups');

    const backups = run.report?.findings.filter((f) => f.checkId === 'database-backups') ?? [];
    const muted = backups.filter((f) => f.resource === ORDERS_DB && f.status !== 'SKIPPED');
    expect(muted.length).toBeGreaterThan(0);
    // WARN: the expired mute of the same check is reported beside the muted failure.
    expect(item?.status).toBe('WARN');
    expect(item?.counts).toMatchObject({ PASS: 0, MUTED: muted.length, WARN: 1 });
    expect(muted.every((f) => f.status === 'MUTED' && f.mute?.reason === MUTES[0]?.reason)).toBe(true);
    expect(backups).toContainEqual(
      expect.objectContaining({ rule: 'mute-expired', status: 'WARN', resource: LEGACY_DB }),
    );
    const markdown = s3.objects.get(
      [...s3.objects.keys()].find((k) => k.endsWith(`runs/${run.output?.runId}/report.md`)) as string,
    );
    expect(markdown).toContain('muted until 2026-12-31 (was FAIL): Backups move to AWS Backup in OPS-77.');
  });

  it('fails a gate on a finding whose mute expired', async () => {
    dbWithoutBackups(LEGACY_DB);

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toContain('infrastructure.database-backups');
    expect(run.report?.findings.some((f) => f.resource === LEGACY_DB && f.status === 'FAIL')).toBe(true);
  });

  it.each([
    [{ mutes: [{ ...MUTES[0], resource: LEGACY_DB, until: '2026-12-31' }] }, 'mutes'],
    [{ config: { mutes: MUTES } }, 'config'],
  ])(
    'refuses a gate input carrying a mute (%j), naming the field: only the configuration mutes',
    async (extra, field) => {
      dbWithoutBackups(LEGACY_DB);

      const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS, ...extra });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toContain(field);
      expect(run.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual([]);
    },
  );
});
