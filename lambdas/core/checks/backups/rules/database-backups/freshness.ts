import { explainError } from '../../../../errors';
import type { Finding } from '../../../../findings';
import type { Outcome } from '../../../kit/outcome';
import { elapsedHours, newestFirst, tenths } from '../../../kit/time';
import { backupFinding } from '../../finding';
import type { BackupJob, DatabaseResource, ProtectedResource } from '../../ports';
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

/** RDS statuses in which a database takes no automated backup and its data does not change. */
const STOPPED_STATUSES: ReadonlySet<string> = new Set(['stopped', 'stopping']);

/** AWS Backup job states of a backup still being made. */
const IN_PROGRESS_STATES: ReadonlySet<string> = new Set(['CREATED', 'PENDING', 'RUNNING']);

/**
 * The newest backup job still in progress that started while the RPO still held: before the newest
 * point aged past it (or, with no point yet, within the last `rpoHours`). A daily plan's job starts
 * within its start window and runs for a while, so the newest point is briefly older than a 24 h
 * RPO every day: that job is the next point on its way, not a lapse.
 */
function nextPointInProgress(
  jobs: Outcome<readonly BackupJob[]>,
  newest: RestorablePoint | undefined,
  rpoHours: number,
  now: Date,
): BackupJob | undefined {
  if (!jobs.ok) return undefined;
  const rpoMs = rpoHours * 3_600_000;
  // The point a job makes is as of its start: it closes the gap if it started after the newest
  // point and no later than the RPO allows (with no point yet: within the last rpoHours).
  const after = newest?.time.getTime() ?? now.getTime() - rpoMs;
  const until = newest === undefined ? now.getTime() : newest.time.getTime() + rpoMs;
  return newestFirst(
    jobs.value.filter((job) => {
      const started = job.createdAt?.getTime();
      return (
        IN_PROGRESS_STATES.has(job.state) && started !== undefined && started > after && started <= until
      );
    }),
    (job) => job.createdAt,
  )[0];
}

/**
 * `freshness`: the newest restorable point (RDS LatestRestorableTime, DynamoDB PITR
 * LatestRestorableDateTime, AWS Backup LastBackupTime, whichever is newest) is within `rpoHours`.
 * A fresh point passes even if another source was unreadable; a stale or missing point with an
 * unreadable source is ERROR (that source might hold a fresher one); a stale or missing point
 * while a backup job that started within the RPO is still running is WARN; a stale point of a
 * stopped RDS database is WARN (no automated backup is taken while it is stopped, and nothing
 * changed since); otherwise FAIL.
 * `jobs` are the resource's AWS Backup jobs in the lookback window.
 */
export function evaluateFreshness(
  db: DatabaseResource,
  coverage: Outcome<ProtectedResource | undefined>,
  settings: BackupsSettings,
  now: Date,
  jobs: Outcome<readonly BackupJob[]> = { ok: true, value: [] },
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
  const running = nextPointInProgress(jobs, newest, rpo, now);
  if (running !== undefined) {
    const startedHoursAgo = tenths(elapsedHours(running.createdAt as Date, now));
    const since =
      newest === undefined
        ? 'No restorable point yet'
        : `Newest restorable point is ${ageHours} h old (${newest.source}), past the ${rpo} h RPO`;
    return backupFinding('freshness', db.arn, {
      status: 'WARN',
      message: `${since}, but AWS Backup job ${running.jobId} started ${startedHoursAgo} h ago, within the RPO, and is ${running.state}.`,
      evidence: {
        ...evidence,
        inProgressJob: {
          jobId: running.jobId,
          state: running.state,
          createdAt: running.createdAt?.toISOString(),
        },
      },
      remediation:
        'Nothing to do if the job completes; if it stays in progress, check its backup window and completion window in the backup plan.',
    });
  }
  if (newest !== undefined && db.status !== undefined && STOPPED_STATUSES.has(db.status)) {
    return backupFinding('freshness', db.arn, {
      status: 'WARN',
      message: `The database is ${db.status}: RDS takes no automated backup while it is stopped, and its data does not change. Newest restorable point is ${ageHours} h old (${newest.source}), past the ${rpo} h RPO; RDS restarts it after 7 days stopped, and backups resume then.`,
      evidence: { ...evidence, databaseStatus: db.status },
      remediation:
        'Nothing to do while it stays stopped. Before starting it for use, confirm the first automated backup after the start (or take a snapshot); if it should not run at all, snapshot it and delete it rather than stopping it again every 7 days.',
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
