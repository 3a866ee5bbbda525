import { explainError } from '../../../../errors';
import type { Finding } from '../../../../findings';
import type { Outcome } from '../../../kit/outcome';
import { newestFirst } from '../../../kit/time';
import { backupFinding } from '../../finding';
import type { BackupJob, DatabaseResource } from '../../ports';
import type { BackupsSettings } from '../../settings';

/** Job states that mean no usable recovery point was made. */
const FAILED_STATES: ReadonlySet<string> = new Set(['FAILED', 'ABORTED', 'EXPIRED']);

function describeJob(job: BackupJob) {
  return {
    jobId: job.jobId,
    state: job.state,
    statusMessage: job.statusMessage,
    createdAt: job.createdAt?.toISOString(),
  };
}

/** The newest job created after `failure` that completed: the failure was recovered by it. */
function completedAfter(jobs: readonly BackupJob[], failure: BackupJob): BackupJob | undefined {
  const failedAt = failure.createdAt;
  if (failedAt === undefined) return undefined;
  return newestFirst(
    jobs.filter(
      (job) => job.state === 'COMPLETED' && job.createdAt !== undefined && job.createdAt > failedAt,
    ),
    (job) => job.createdAt,
  )[0];
}

/**
 * `backup-jobs`: AWS Backup jobs for this resource in the lookback window (already filtered by
 * creation time). FAILED, ABORTED or EXPIRED: FAIL, unless a job created after the newest of them
 * completed (a retry or the next scheduled run recovered it: WARN, so the failure stays in sight
 * without blocking a gate on a backup that exists); PARTIAL: WARN; only healthy jobs: PASS;
 * no job at all: SKIPPED (the rule has nothing to judge; `freshness` covers missing backups).
 */
export function evaluateBackupJobs(
  db: DatabaseResource,
  jobs: Outcome<readonly BackupJob[]>,
  settings: BackupsSettings,
): Finding {
  const lookbackHours = settings.jobLookbackHours;
  if (!jobs.ok) {
    const explained = explainError(jobs.error);
    return backupFinding('backup-jobs', db.arn, {
      status: 'ERROR',
      message: explained.message,
      evidence: { lookbackHours, code: explained.code },
      remediation: explained.remediation,
    });
  }
  const failed = newestFirst(
    jobs.value.filter((job) => FAILED_STATES.has(job.state)),
    (job) => job.createdAt,
  );
  const partial = jobs.value.filter((job) => job.state === 'PARTIAL');
  const evidence = {
    lookbackHours,
    jobs: jobs.value.length,
    failedJobs: failed.map(describeJob),
    partialJobs: partial.map(describeJob),
  };
  if (failed.length > 0) {
    const latest = failed[0] as BackupJob;
    const recovery = completedAfter(jobs.value, latest);
    if (recovery !== undefined) {
      return backupFinding('backup-jobs', db.arn, {
        status: 'WARN',
        message: `${failed.length} AWS Backup job(s) ${latest.state} in the last ${lookbackHours} h (${latest.statusMessage ?? 'no status message'}); job ${recovery.jobId}, started after, completed.`,
        evidence: { ...evidence, recoveredBy: describeJob(recovery) },
        remediation:
          "Read the failed job's status message in AWS Backup and fix the cause (IAM role, KMS key, resource state, backup window) before it fails again.",
      });
    }
    return backupFinding('backup-jobs', db.arn, {
      status: 'FAIL',
      message: `${failed.length} AWS Backup job(s) ${latest.state} in the last ${lookbackHours} h: ${latest.statusMessage ?? 'no status message'}`,
      evidence,
      remediation:
        "Read the job's status message in AWS Backup, fix the cause (IAM role, KMS key, resource state, backup window), then start an on-demand backup.",
    });
  }
  if (partial.length > 0) {
    return backupFinding('backup-jobs', db.arn, {
      status: 'WARN',
      message: `${partial.length} AWS Backup job(s) completed only partially in the last ${lookbackHours} h.`,
      evidence,
      remediation: 'Open the partial job in AWS Backup to see which items were not backed up and fix them.',
    });
  }
  if (jobs.value.length === 0) {
    return backupFinding('backup-jobs', db.arn, {
      status: 'SKIPPED',
      message: `No AWS Backup jobs for this resource in the last ${lookbackHours} h.`,
      evidence,
    });
  }
  return backupFinding('backup-jobs', db.arn, {
    status: 'PASS',
    message: `${jobs.value.length} AWS Backup job(s) in the last ${lookbackHours} h, none failed.`,
    evidence,
  });
}
