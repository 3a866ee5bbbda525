import { type DeploymentRecord, deployedAt, wasDeployed } from './deployments';

/** The DORA metrics of one service in one environment (or of everything) over a period. */
export interface DoraMetrics {
  readonly deployments: number;
  readonly perWeek: number;
  /** Deployments that reached PROCEED ÷ deployments. */
  readonly successRate: number | null;
  /** Deployments rolled back (by a trigger or by hand) ÷ deployments; one bad deployment counts once. */
  readonly changeFailureRate: number | null;
  readonly failures: number;
  /** Median minutes from the rollback decision to restore (rollback completed, or the next passing deployment). */
  readonly medianTimeToRestoreMinutes: number | null;
  /** Median minutes from commit to deployment, over the deployments whose pipeline gave a commit time. */
  readonly medianLeadTimeMinutes: number | null;
  /**
   * Deployments left out of the lead time because their recorded commit time is after the deployment
   * (recorded before commit times were checked): a negative lead time is no measurement.
   */
  readonly skippedLeadTimes: number;
}

const minutesBetween = (from: string, to: string) =>
  (new Date(to).getTime() - new Date(from).getTime()) / 60_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** When a failed deployment was restored: its rollback finished, else the next deployment that passed its watch. */
function restoredAt(failed: DeploymentRecord, all: readonly DeploymentRecord[]): string | undefined {
  if (failed.rollbackCompletedAt) return failed.rollbackCompletedAt;
  const decidedAt = failed.decidedAt ?? '';
  return all
    .filter(
      (r) =>
        r.service === failed.service &&
        r.environment === failed.environment &&
        r.decision === 'PROCEED' &&
        (r.decidedAt ?? '') > decidedAt,
    )
    .map((r) => r.decidedAt as string)
    .sort()[0];
}

/** DORA metrics over `records` (already limited to one period and scope), a period of `days` days. */
export function doraMetrics(
  records: readonly DeploymentRecord[],
  days: number,
  all: readonly DeploymentRecord[] = records,
): DoraMetrics {
  const deployed = records.filter(wasDeployed);
  const failed = deployed.filter((r) => r.decision === 'ROLLBACK');
  const rate = (n: number) => (deployed.length === 0 ? null : n / deployed.length);
  const restore = failed.flatMap((r) => {
    const at = restoredAt(r, all);
    return at && r.decidedAt ? [minutesBetween(r.decidedAt, at)] : [];
  });
  const leadTimes = deployed.flatMap((r) => {
    const at = deployedAt(r);
    return r.commitAt && at ? [minutesBetween(r.commitAt, at)] : [];
  });
  const lead = leadTimes.filter((minutes) => minutes >= 0);
  return {
    deployments: deployed.length,
    perWeek: days > 0 ? Math.round((deployed.length / days) * 7 * 100) / 100 : 0,
    successRate: rate(deployed.filter((r) => r.decision === 'PROCEED').length),
    changeFailureRate: rate(failed.length),
    failures: failed.length,
    medianTimeToRestoreMinutes: median(restore),
    medianLeadTimeMinutes: median(lead),
    skippedLeadTimes: leadTimes.length - lead.length,
  };
}
