import { explainError } from '../../../../errors';
import type { Finding } from '../../../../findings';
import type { Outcome } from '../../../kit/outcome';
import { elapsedHours, tenths } from '../../../kit/time';
import { backupFinding } from '../../finding';
import type { DatabaseResource, ProtectedResource } from '../../ports';
import type { BackupsSettings } from '../../settings';

/** Where a restorable point comes from. */
type PointSource = 'rds-automated-backup' | 'dynamodb-pitr' | 'aws-backup';

interface RestorablePoint {
  readonly source: PointSource;
  readonly time: Date;
}

function nativePoint(db: DatabaseResource): RestorablePoint | undefined {
  const native = db.native;
  // A disabled feature's leftover timestamp is not a point anyone can restore to.
  if (native.kind === 'retention' && native.retentionDays > 0 && native.latestRestorableTime !== undefined) {
    return { source: 'rds-automated-backup', time: native.latestRestorableTime };
  }
  if (native.kind === 'pitr' && native.enabled && native.latestRestorableTime !== undefined) {
    return { source: 'dynamodb-pitr', time: native.latestRestorableTime };
  }
  return undefined;
}

/**
 * `freshness`: the newest restorable point (RDS LatestRestorableTime, DynamoDB PITR
 * LatestRestorableDateTime, AWS Backup LastBackupTime, whichever is newest) is within `rpoHours`.
 * A fresh point passes even if another source was unreadable; a stale or missing point with an
 * unreadable source is ERROR (that source might hold a fresher one); otherwise FAIL.
 */
export function evaluateFreshness(
  db: DatabaseResource,
  coverage: Outcome<ProtectedResource | undefined>,
  settings: BackupsSettings,
  now: Date,
): Finding {
  const points: RestorablePoint[] = [];
  const native = nativePoint(db);
  if (native !== undefined) points.push(native);
  const lastBackup = coverage.ok ? coverage.value?.lastBackupTime : undefined;
  if (lastBackup !== undefined) points.push({ source: 'aws-backup', time: lastBackup });
  const unreadable: unknown[] = [];
  if (db.native.kind === 'unreadable') unreadable.push(db.native.error);
  if (!coverage.ok) unreadable.push(coverage.error);

  const newest = points.reduce<RestorablePoint | undefined>(
    (best, point) => (best === undefined || point.time > best.time ? point : best),
    undefined,
  );
  const rpo = settings.rpoHours;
  const ageHours = newest === undefined ? undefined : tenths(elapsedHours(newest.time, now));
  const evidence = {
    rpoHours: rpo,
    newestRestorablePoint: newest?.time.toISOString(),
    newestSource: newest?.source,
    ageHours,
    points: points.map((p) => ({ source: p.source, time: p.time.toISOString() })),
    ...(unreadable.length > 0 ? { unreadableSources: unreadable.map((e) => explainError(e).code) } : {}),
  };

  if (newest !== undefined && ageHours !== undefined && ageHours <= rpo) {
    return backupFinding('freshness', db.arn, {
      status: 'PASS',
      message: `Newest restorable point is ${ageHours} h old (${newest.source}), within the ${rpo} h RPO.`,
      evidence,
    });
  }
  const first = unreadable[0];
  if (first !== undefined) {
    const explained = explainError(first);
    return backupFinding('freshness', db.arn, {
      status: 'ERROR',
      message: `${explained.message} No restorable point within the ${rpo} h RPO could be confirmed.`,
      evidence,
      remediation: explained.remediation,
    });
  }
  if (newest === undefined) {
    return backupFinding('freshness', db.arn, {
      status: 'FAIL',
      message:
        'No restorable point at all: no automated backup, point-in-time recovery or AWS Backup recovery point.',
      evidence,
      remediation:
        'Enable automated backups or point-in-time recovery, or add the database to an AWS Backup plan, then take a backup now.',
    });
  }
  return backupFinding('freshness', db.arn, {
    status: 'FAIL',
    message: `Newest restorable point is ${ageHours} h old (${newest.source}), older than the ${rpo} h RPO.`,
    evidence,
    remediation:
      'Find why backups stopped (AWS Backup plan schedule and recent jobs, database status), then take an on-demand backup.',
  });
}
