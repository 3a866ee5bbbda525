import { describe, expect, it } from 'vitest';
import { type BackupsEvidence, evaluateBackups } from '../../../../lambdas/core/checks/backups/evaluate';
import type { BackupJob, DatabaseResource, RestoreJob } from '../../../../lambdas/core/checks/backups/ports';
import type { Finding } from '../../../../lambdas/core/findings';
import {
  denied,
  dynamoTable,
  hoursAgo,
  NOW,
  ORDERS_ARN,
  rdsInstance,
  SESSIONS_ARN,
  settings,
} from './fixtures';

const OTHER_ARN = 'arn:aws:rds:eu-west-1:111122223333:db:other-db';

function evidence(overrides: Partial<BackupsEvidence> = {}): BackupsEvidence {
  return {
    databases: [rdsInstance()],
    protectedResources: { ok: true, value: [] },
    backupJobs: { ok: true, value: [] },
    restoreJobs: { ok: true, value: [] },
    ...overrides,
  };
}

const statusOf = (findings: Finding[], resource: string, rule: string) =>
  findings.find((f) => f.resource === resource && f.rule === rule)?.status;

const failedJob = (resourceArn: string, hours: number): BackupJob => ({
  jobId: `job-${hours}`,
  resourceArn,
  state: 'FAILED',
  createdAt: hoursAgo(hours),
});

const completedRestore = (sourceResourceArn: string, days: number): RestoreJob => ({
  jobId: `restore-${days}`,
  sourceResourceArn,
  status: 'COMPLETED',
  createdAt: hoursAgo(days * 24 + 1),
  completedAt: hoursAgo(days * 24),
  validationStatus: 'SUCCESSFUL',
});

describe('evaluateBackups', () => {
  describe('scope', () => {
    it('judges every database on the four rules, in order', () => {
      const findings = evaluateBackups(evidence(), settings(), NOW);

      expect(findings.map((f) => [f.resource, f.rule])).toEqual([
        [ORDERS_ARN, 'protection'],
        [ORDERS_ARN, 'freshness'],
        [ORDERS_ARN, 'backup-jobs'],
        [ORDERS_ARN, 'restore-test'],
      ]);
    });

    it('skips cluster members and read replicas, which are judged at the cluster or source', () => {
      const databases: DatabaseResource[] = [
        rdsInstance(undefined, { arn: 'member', clusterId: 'payments-aurora' }),
        rdsInstance(undefined, { arn: 'replica', replicaSourceId: 'orders-db' }),
      ];

      expect(evaluateBackups(evidence({ databases }), settings(), NOW)).toEqual([]);
    });
  });

  describe('attributing AWS Backup data by ARN', () => {
    it('counts only the jobs and restores of the database itself', () => {
      const findings = evaluateBackups(
        evidence({
          backupJobs: { ok: true, value: [failedJob(OTHER_ARN, 2)] },
          restoreJobs: { ok: true, value: [completedRestore(OTHER_ARN, 2)] },
        }),
        settings(),
        NOW,
      );

      expect(statusOf(findings, ORDERS_ARN, 'backup-jobs')).toBe('SKIPPED');
      expect(statusOf(findings, ORDERS_ARN, 'restore-test')).toBe('WARN');
    });

    it('ignores jobs older than the lookback and restores older than the proof window', () => {
      const findings = evaluateBackups(
        evidence({
          backupJobs: { ok: true, value: [failedJob(ORDERS_ARN, 30)] },
          restoreJobs: { ok: true, value: [completedRestore(ORDERS_ARN, 31)] },
        }),
        settings({ jobLookbackHours: 24, restoreProofDays: 30 }),
        NOW,
      );

      expect(statusOf(findings, ORDERS_ARN, 'backup-jobs')).toBe('SKIPPED');
      expect(statusOf(findings, ORDERS_ARN, 'restore-test')).toBe('WARN');
    });

    it('uses the protected-resource record of the matching ARN', () => {
      const table = dynamoTable({ kind: 'pitr', enabled: false });
      const findings = evaluateBackups(
        evidence({
          databases: [table],
          protectedResources: {
            ok: true,
            value: [{ resourceArn: SESSIONS_ARN, lastBackupTime: hoursAgo(40) }],
          },
        }),
        settings(),
        NOW,
      );

      expect(statusOf(findings, SESSIONS_ARN, 'protection')).toBe('PASS');
      expect(statusOf(findings, SESSIONS_ARN, 'freshness')).toBe('FAIL');
    });
  });

  describe('when AWS Backup is denied', () => {
    it('makes the AWS Backup rules ERROR for every database while native retention still reports', () => {
      const table = dynamoTable({ kind: 'pitr', enabled: false });
      const findings = evaluateBackups(
        evidence({
          databases: [rdsInstance(), table],
          protectedResources: { ok: false, error: denied('backup:ListProtectedResources') },
          backupJobs: { ok: false, error: denied('backup:ListBackupJobs') },
          restoreJobs: { ok: false, error: denied('backup:ListRestoreJobs') },
        }),
        settings(),
        NOW,
      );

      expect(statusOf(findings, ORDERS_ARN, 'protection')).toBe('PASS');
      expect(statusOf(findings, ORDERS_ARN, 'freshness')).toBe('PASS');
      expect(statusOf(findings, SESSIONS_ARN, 'protection')).toBe('ERROR');
      expect(statusOf(findings, SESSIONS_ARN, 'freshness')).toBe('ERROR');
      for (const resource of [ORDERS_ARN, SESSIONS_ARN]) {
        expect(statusOf(findings, resource, 'backup-jobs')).toBe('ERROR');
        expect(statusOf(findings, resource, 'restore-test')).toBe('ERROR');
      }
    });
  });
});
