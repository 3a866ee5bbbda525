import { explainError } from '../../../../errors';
import type { Finding } from '../../../../findings';
import type { Outcome } from '../../../kit/outcome';
import { elapsedDays, newestFirst, tenths } from '../../../kit/time';
import { backupFinding } from '../../finding';
import type { DatabaseResource, RestoreJob } from '../../ports';
import type { BackupsSettings } from '../../settings';

const FAILED_VALIDATION: ReadonlySet<string> = new Set(['FAILED', 'TIMED_OUT']);

const when = (job: RestoreJob) => job.completedAt ?? job.createdAt;

function describeJob(job: RestoreJob) {
  return {
    jobId: job.jobId,
    status: job.status,
    statusMessage: job.statusMessage,
    createdAt: job.createdAt?.toISOString(),
    completedAt: job.completedAt?.toISOString(),
    validationStatus: job.validationStatus,
    validationMessage: job.validationMessage,
    restoreTestingPlanArn: job.restoreTestingPlanArn,
  };
}

/** `by restore testing plan <name>` when a plan started the job; the plan's name ends its ARN. */
function startedBy(job: RestoreJob): string {
  const plan = job.restoreTestingPlanArn?.split(':').pop();
  return plan === undefined ? '' : ` by restore testing plan ${plan}`;
}

/**
 * `restore-test`: proof that the resource can be restored, from AWS Backup restore jobs in the last
 * `restoreProofDays` (restore testing included). The latest COMPLETED job decides: validation
 * FAILED/TIMED_OUT: FAIL; a FAILED job after it: WARN; else PASS (validation SUCCESSFUL, or not
 * reported, which the evidence says). No completed job: FAIL if a job FAILED, else
 * `missingRestoreProof` (WARN by default), never a pass.
 */
export function evaluateRestoreTest(
  db: DatabaseResource,
  restores: Outcome<readonly RestoreJob[]>,
  settings: BackupsSettings,
  now: Date,
): Finding {
  const restoreProofDays = settings.restoreProofDays;
  if (!restores.ok) {
    const explained = explainError(restores.error);
    return backupFinding('restore-test', db.arn, {
      status: 'ERROR',
      message: explained.message,
      evidence: { restoreProofDays, code: explained.code },
      remediation: explained.remediation,
    });
  }
  const jobs = newestFirst(restores.value, when);
  const latestCompleted = jobs.find((job) => job.status === 'COMPLETED');
  const failed = jobs.filter((job) => job.status === 'FAILED');
  const evidence = {
    restoreProofDays,
    restoreJobs: jobs.length,
    latestCompleted: latestCompleted === undefined ? undefined : describeJob(latestCompleted),
    latestFailed: failed[0] === undefined ? undefined : describeJob(failed[0]),
  };

  if (latestCompleted !== undefined) {
    const completedAt = when(latestCompleted);
    const age = completedAt === undefined ? 'recently' : `${tenths(elapsedDays(completedAt, now))} days ago`;
    const validation = latestCompleted.validationStatus;
    if (validation !== undefined && FAILED_VALIDATION.has(validation)) {
      return backupFinding('restore-test', db.arn, {
        status: 'FAIL',
        message: `Latest restore (${age}${startedBy(latestCompleted)}) completed but validation ${validation}: ${latestCompleted.validationMessage ?? 'no message'}`,
        evidence,
        remediation:
          'Read the validation message, fix the data or the validation script of the restore testing plan, and run the restore test again.',
      });
    }
    const completedCreated = latestCompleted.createdAt?.getTime() ?? 0;
    const failedLater = failed.filter((job) => (job.createdAt?.getTime() ?? 0) > completedCreated);
    if (failedLater[0] !== undefined) {
      return backupFinding('restore-test', db.arn, {
        status: 'WARN',
        message: `A restore succeeded ${age}, but a later restore job failed: ${failedLater[0].statusMessage ?? 'no status message'}`,
        evidence,
        remediation:
          'Find why the latest restore job failed (recovery point, IAM role, restore metadata) and run it again.',
      });
    }
    const outcome =
      validation === 'SUCCESSFUL'
        ? 'validation SUCCESSFUL'
        : validation === 'VALIDATING'
          ? 'validation still running'
          : 'no validation reported';
    return backupFinding('restore-test', db.arn, {
      status: 'PASS',
      message: `Restored ${age}${startedBy(latestCompleted)}; ${outcome}.`,
      evidence: { ...evidence, validation: validation ?? 'not reported' },
    });
  }
  if (failed[0] !== undefined) {
    return backupFinding('restore-test', db.arn, {
      status: 'FAIL',
      message: `No restore completed in the last ${restoreProofDays} days and the latest restore job FAILED: ${failed[0].statusMessage ?? 'no status message'}`,
      evidence,
      remediation:
        'Find why the restore job failed (recovery point, IAM role, restore metadata), fix it and restore again.',
    });
  }
  const inProgress = jobs.some((job) => job.status === 'PENDING' || job.status === 'RUNNING');
  return backupFinding('restore-test', db.arn, {
    status: settings.missingRestoreProof,
    message: `No completed restore in the last ${restoreProofDays} days${inProgress ? ' (one is in progress)' : ''}: restorability is unproven.`,
    evidence,
    remediation: `Create an AWS Backup restore testing plan (with validation) that covers this resource, or restore it and record the job, at least every ${restoreProofDays} days.`,
  });
}
