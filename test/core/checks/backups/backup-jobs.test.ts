import { describe, expect, it } from 'vitest';
import type { BackupJob } from '../../../../lambdas/core/checks/backups/ports';
import { evaluateBackupJobs } from '../../../../lambdas/core/checks/backups/rules/database-backups/backup-jobs';
import { denied, hoursAgo, ORDERS_ARN, rdsInstance, settings } from './fixtures';

const job = (jobId: string, state: string, hours: number, statusMessage?: string): BackupJob => ({
  jobId,
  resourceArn: ORDERS_ARN,
  state,
  createdAt: hoursAgo(hours),
  ...(statusMessage === undefined ? {} : { statusMessage }),
});

describe('evaluateBackupJobs', () => {
  it.each<[string, BackupJob[], string]>([
    ['no jobs in the window', [], 'SKIPPED'],
    ['a completed job', [job('j1', 'COMPLETED', 2)], 'PASS'],
    ['a running job and a completed one', [job('j1', 'COMPLETED', 20), job('j2', 'RUNNING', 1)], 'PASS'],
    ['a failed job after a completed one', [job('j1', 'COMPLETED', 20), job('j2', 'FAILED', 3)], 'FAIL'],
    ['an aborted job', [job('j1', 'ABORTED', 3)], 'FAIL'],
    ['an expired job', [job('j1', 'EXPIRED', 3)], 'FAIL'],
    ['a partial job', [job('j1', 'PARTIAL', 3)], 'WARN'],
    ['a partial and a failed job', [job('j1', 'PARTIAL', 5), job('j2', 'FAILED', 3)], 'FAIL'],
    [
      'a failed job retried: the later job completed',
      [job('j1', 'FAILED', 5), job('j2', 'COMPLETED', 4)],
      'WARN',
    ],
    [
      'a failed job whose later retry is still running',
      [job('j1', 'FAILED', 5), job('j2', 'RUNNING', 1)],
      'FAIL',
    ],
    [
      'a failed job after the last completed one',
      [job('j1', 'COMPLETED', 6), job('j2', 'FAILED', 5)],
      'FAIL',
    ],
    [
      'two failures, the later after the completed retry',
      [job('j1', 'FAILED', 8), job('j2', 'COMPLETED', 7), job('j3', 'ABORTED', 2)],
      'FAIL',
    ],
  ])('%s: %s', (_case, jobs, status) => {
    const finding = evaluateBackupJobs(rdsInstance(), { ok: true, value: jobs }, settings());

    expect(finding).toMatchObject({ rule: 'backup-jobs', resource: ORDERS_ARN, status });
    expect(finding.evidence).toMatchObject({ lookbackHours: 24, jobs: jobs.length });
    if (status === 'FAIL' || status === 'WARN') expect(finding.remediation).toBeTruthy();
  });

  it('names the newest failed job and its status message', () => {
    const jobs = [
      job('older', 'FAILED', 20, 'Backup window too short'),
      job('newer', 'FAILED', 3, 'The DB instance is in state storage-full'),
    ];

    const finding = evaluateBackupJobs(rdsInstance(), { ok: true, value: jobs }, settings());

    expect(finding.message).toMatch(
      /2 AWS Backup job\(s\) FAILED in the last 24 h: The DB instance is in state storage-full/,
    );
    expect(finding.evidence?.failedJobs).toEqual([
      {
        jobId: 'newer',
        state: 'FAILED',
        statusMessage: 'The DB instance is in state storage-full',
        createdAt: hoursAgo(3).toISOString(),
      },
      {
        jobId: 'older',
        state: 'FAILED',
        statusMessage: 'Backup window too short',
        createdAt: hoursAgo(20).toISOString(),
      },
    ]);
  });

  it('names the failed job and the completed job that recovered it', () => {
    const jobs = [
      job('nightly', 'FAILED', 9, 'The backup window was too short'),
      job('retry', 'COMPLETED', 8),
    ];

    const finding = evaluateBackupJobs(rdsInstance(), { ok: true, value: jobs }, settings());

    expect(finding.status).toBe('WARN');
    expect(finding.message).toBe(
      '1 AWS Backup job(s) FAILED in the last 24 h (The backup window was too short); job retry, started after, completed.',
    );
    expect(finding.evidence).toMatchObject({ recoveredBy: { jobId: 'retry', state: 'COMPLETED' } });
  });

  it('is ERROR, not PASS, when the backup jobs could not be listed', () => {
    const finding = evaluateBackupJobs(
      rdsInstance(),
      { ok: false, error: denied('backup:ListBackupJobs') },
      settings(),
    );

    expect(finding.status).toBe('ERROR');
    expect(finding.message).toMatch(/backup:ListBackupJobs was denied/);
    expect(finding.remediation).toBe('Allow backup:ListBackupJobs for the role Preflight runs as.');
  });
});
