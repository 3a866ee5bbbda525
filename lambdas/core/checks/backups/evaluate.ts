import type { Finding } from '../../findings';
import type { Outcome } from '../kit/outcome';
import { daysBefore, hoursBefore } from '../kit/time';
import type { BackupJob, DatabaseResource, ProtectedResource, RestoreJob } from './ports';
import { evaluateBackupJobs } from './rules/database-backups/backup-jobs';
import { evaluateFreshness } from './rules/database-backups/freshness';
import { evaluateProtection } from './rules/database-backups/protection';
import { evaluateRestoreTest } from './rules/database-backups/restore-test';
import type { BackupsSettings } from './settings';

/** Everything the check read, each AWS Backup source as an outcome so a denied one degrades alone. */
export interface BackupsEvidence {
  readonly databases: readonly DatabaseResource[];
  readonly protectedResources: Outcome<readonly ProtectedResource[]>;
  readonly backupJobs: Outcome<readonly BackupJob[]>;
  readonly restoreJobs: Outcome<readonly RestoreJob[]>;
}

/**
 * The databases judged on their own: cluster members are judged at their cluster and read
 * replicas at their source (a replica's own backups are not what restores the data).
 */
export function databasesInScope(databases: readonly DatabaseResource[]): DatabaseResource[] {
  return databases.filter((db) => db.clusterId === undefined && db.replicaSourceId === undefined);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** Narrows an outcome's list to one resource's items, keeping a failure a failure. */
function forResource<T>(outcome: Outcome<Map<string, T[]>>, arn: string): Outcome<T[]> {
  return outcome.ok ? { ok: true, value: outcome.value.get(arn) ?? [] } : outcome;
}

function grouped<T>(outcome: Outcome<readonly T[]>, key: (item: T) => string, keep: (item: T) => boolean) {
  return outcome.ok ? { ok: true as const, value: groupBy(outcome.value.filter(keep), key) } : outcome;
}

/** Created at or after `since`; an undated item is kept because the API already filtered by date. */
const createdSince = (since: Date) => (item: { readonly createdAt?: Date }) =>
  item.createdAt === undefined || item.createdAt >= since;

/**
 * Judges every database in scope against the four rules: protection, freshness, backup-jobs and
 * restore-test, in that order per database. Pure: same evidence, settings and `now`, same findings.
 */
export function evaluateBackups(evidence: BackupsEvidence, settings: BackupsSettings, now: Date): Finding[] {
  const protectedByArn = evidence.protectedResources.ok
    ? ({
        ok: true,
        value: new Map(evidence.protectedResources.value.map((p) => [p.resourceArn, p])),
      } as const)
    : evidence.protectedResources;
  const jobs = grouped(
    evidence.backupJobs,
    (job) => job.resourceArn,
    createdSince(hoursBefore(now, settings.jobLookbackHours)),
  );
  const restores = grouped(
    evidence.restoreJobs,
    (job) => job.sourceResourceArn,
    createdSince(daysBefore(now, settings.restoreProofDays)),
  );

  return databasesInScope(evidence.databases).flatMap((db) => {
    const coverage: Outcome<ProtectedResource | undefined> = protectedByArn.ok
      ? { ok: true, value: protectedByArn.value.get(db.arn) }
      : protectedByArn;
    const ownJobs = forResource(jobs, db.arn);
    return [
      evaluateProtection(db, coverage, settings),
      evaluateFreshness(db, coverage, settings, now, ownJobs),
      evaluateBackupJobs(db, ownJobs, settings),
      evaluateRestoreTest(db, forResource(restores, db.arn), settings, now),
    ];
  });
}
