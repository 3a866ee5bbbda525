import type { Finding } from '../findings';

export const BACKUP_CHECK_ID = 'pre-deployment-backup';
export const BACKUP_ITEM_ID = 'phase1.pre-deployment-backup';

/** How one pre-deployment backup job ended, as the state machine saw it. */
export interface BackupOutcome {
  readonly resourceArn: string;
  readonly backupJobId?: string;
  /** AWS Backup job state: COMPLETED, FAILED, ABORTED, EXPIRED, or TIMED_OUT when the gate stopped waiting. */
  readonly state: string;
  readonly statusMessage?: string;
  readonly recoveryPointArn?: string;
}

/** A completed job passes the Phase 1 backup item; anything else fails it. */
export function evaluateBackups(outcomes: readonly BackupOutcome[]): Finding[] {
  return outcomes.map((outcome) => {
    const base = {
      checkId: BACKUP_CHECK_ID,
      itemId: BACKUP_ITEM_ID,
      rule: 'on-demand-backup',
      resource: outcome.resourceArn,
    };
    const evidence = { ...outcome };
    if (outcome.state === 'COMPLETED') {
      return { ...base, status: 'PASS', message: `Backup job ${outcome.backupJobId} completed.`, evidence };
    }
    return {
      ...base,
      status: 'FAIL',
      message: `Pre-deployment backup ${outcome.state}${outcome.statusMessage ? `: ${outcome.statusMessage}` : ''}.`,
      remediation:
        'Fix the backup (AWS Backup job details, IAM role, vault, database state) before deploying.',
      evidence,
    };
  });
}

/** A backup target's record as the state machine hands it over. */
export interface BackupTaskRecord {
  readonly resourceArn: string;
  readonly backupJobId?: string;
  readonly description?: {
    readonly State?: string;
    readonly StatusMessage?: string;
    readonly RecoveryPointArn?: string;
  };
  readonly timedOut?: boolean;
  readonly error?: { readonly Error?: string; readonly Cause?: string };
}

/** Turns the state machine's record of one backup into an outcome to judge. */
export function backupOutcomeFrom(record: BackupTaskRecord): BackupOutcome {
  const job = record.backupJobId === undefined ? {} : { backupJobId: record.backupJobId };
  if (record.error !== undefined) {
    return {
      resourceArn: record.resourceArn,
      ...job,
      state: 'FAILED',
      statusMessage:
        `the job could not be started or read: ${record.error.Error ?? 'error'} ${record.error.Cause ?? ''}`.trim(),
    };
  }
  if (record.timedOut) {
    return {
      resourceArn: record.resourceArn,
      ...job,
      state: 'TIMED_OUT',
      statusMessage: 'still running when the gate stopped waiting',
    };
  }
  const d = record.description ?? {};
  return {
    resourceArn: record.resourceArn,
    ...job,
    state: d.State ?? 'UNKNOWN',
    ...(d.StatusMessage ? { statusMessage: d.StatusMessage } : {}),
    ...(d.RecoveryPointArn ? { recoveryPointArn: d.RecoveryPointArn } : {}),
  };
}
