import { explainError } from '../../../../errors';
import type { Finding } from '../../../../findings';
import type { Outcome } from '../../../kit/outcome';
import { dayCount } from '../../../kit/time';
import { backupFinding } from '../../finding';
import type { DatabaseResource, ProtectedResource } from '../../ports';
import type { BackupsSettings } from '../../settings';

type NativeVerdict =
  | { readonly protected: true; readonly message: string }
  | { readonly protected: false; readonly reason: string; readonly remediation: string }
  | { readonly protected: 'unknown'; readonly error: unknown };

function nativeVerdict(db: DatabaseResource, minDays: number): NativeVerdict {
  const native = db.native;
  switch (native.kind) {
    case 'unreadable':
      return { protected: 'unknown', error: native.error };
    case 'retention': {
      const fix =
        db.kind === 'rds-cluster'
          ? `Set the cluster's backup retention period to at least ${minDays} days (aws rds modify-db-cluster --backup-retention-period ${minDays}), or add it to an AWS Backup plan.`
          : `Set the instance's backup retention period to at least ${minDays} days (aws rds modify-db-instance --backup-retention-period ${minDays}), or add it to an AWS Backup plan.`;
      if (native.retentionDays === 0) {
        return {
          protected: false,
          reason: 'automated backups are disabled (retention 0 days)',
          remediation: fix,
        };
      }
      if (native.retentionDays < minDays) {
        return {
          protected: false,
          reason: `automated backup retention is ${dayCount(native.retentionDays)}, below the minimum of ${minDays}`,
          remediation: fix,
        };
      }
      return {
        protected: true,
        message: `Automated backups are retained ${dayCount(native.retentionDays)} (minimum ${minDays}).`,
      };
    }
    case 'pitr': {
      const fix = `Turn on point-in-time recovery with a recovery period of at least ${minDays} days (aws dynamodb update-continuous-backups), or add the table to an AWS Backup plan.`;
      if (!native.enabled)
        return { protected: false, reason: 'point-in-time recovery is off', remediation: fix };
      // PITR's recovery period defaults to 35 days; a shorter one is the DynamoDB analogue of short retention.
      const period = native.recoveryPeriodDays ?? 35;
      if (period < minDays) {
        return {
          protected: false,
          reason: `point-in-time recovery keeps ${dayCount(period)}, below the minimum of ${minDays}`,
          remediation: fix,
        };
      }
      return {
        protected: true,
        message: `Point-in-time recovery is on and keeps ${dayCount(period)} (minimum ${minDays}).`,
      };
    }
  }
}

function nativeEvidence(db: DatabaseResource): Record<string, unknown> {
  const native = db.native;
  switch (native.kind) {
    case 'retention':
      return { retentionDays: native.retentionDays };
    case 'pitr':
      return { pointInTimeRecovery: native.enabled, recoveryPeriodDays: native.recoveryPeriodDays };
    case 'unreadable':
      return { native: 'unreadable', nativeError: explainError(native.error).code };
  }
}

function coverageEvidence(coverage: Outcome<ProtectedResource | undefined>): Record<string, unknown> {
  if (!coverage.ok) return { awsBackup: 'unreadable', awsBackupError: explainError(coverage.error).code };
  if (coverage.value === undefined) return { awsBackup: 'not protected' };
  return { awsBackup: 'protected', awsBackupLastBackupTime: coverage.value.lastBackupTime?.toISOString() };
}

/**
 * `protection`: native backups (RDS retention, DynamoDB PITR) meet the minimum, or AWS Backup
 * protects the resource. A FAIL needs both sources read; a source that could not be read makes
 * an unprotected-looking resource ERROR, never PASS.
 */
export function evaluateProtection(
  db: DatabaseResource,
  coverage: Outcome<ProtectedResource | undefined>,
  settings: BackupsSettings,
): Finding {
  const min = settings.minRetentionDays;
  const evidence = {
    engine: db.engine,
    ...nativeEvidence(db),
    minRetentionDays: min,
    ...coverageEvidence(coverage),
  };
  const verdict = nativeVerdict(db, min);
  if (verdict.protected === true) {
    return backupFinding('protection', db.arn, { status: 'PASS', message: verdict.message, evidence });
  }
  if (coverage.ok && coverage.value !== undefined) {
    const why = verdict.protected === false ? verdict.reason : 'native backup settings could not be read';
    return backupFinding('protection', db.arn, {
      status: 'PASS',
      message: `Protected by AWS Backup (${why}).`,
      evidence,
    });
  }
  // Not proven protected: FAIL only when every source was read, else ERROR naming what failed.
  if (verdict.protected === 'unknown') return unreadableFinding(db, verdict.error, '', evidence);
  if (!coverage.ok) {
    const context = ` The ${verdict.reason}, and AWS Backup coverage is unknown.`;
    return unreadableFinding(db, coverage.error, context, evidence);
  }
  return backupFinding('protection', db.arn, {
    status: 'FAIL',
    message: `Not protected: ${verdict.reason}, and AWS Backup does not protect it.`,
    evidence,
    remediation: verdict.remediation,
  });
}

function unreadableFinding(
  db: DatabaseResource,
  error: unknown,
  context: string,
  evidence: Record<string, unknown>,
): Finding {
  const explained = explainError(error);
  return backupFinding('protection', db.arn, {
    status: 'ERROR',
    message: `${explained.message}${context}`,
    evidence,
    remediation: explained.remediation,
  });
}
