import type { Finding } from '../findings';

/** What changed since the previous scheduled audit. */
export interface PostureChange {
  /** Failing now, not failing last time (`checkId rule resource`). */
  readonly newFailures: readonly string[];
  /** Failing last time, not failing now. */
  readonly recoveries: readonly string[];
  /** Every failing key now, to remember for the next run. */
  readonly failing: readonly string[];
}

/** The identity of a finding across runs. */
export function findingKey(finding: Pick<Finding, 'checkId' | 'rule' | 'resource'>): string {
  return `${finding.checkId} ${finding.rule} ${finding.resource}`;
}

/**
 * Compares this run's failures (FAIL and ERROR) with the previous run's, so the scheduled audit
 * alerts on what changed, not on the same failure every day. No previous run: everything is new.
 */
export function diffPosture(
  previous: readonly string[] | undefined,
  findings: readonly Finding[],
): PostureChange {
  const failing = [
    ...new Set(findings.filter((f) => f.status === 'FAIL' || f.status === 'ERROR').map(findingKey)),
  ].sort();
  const before = new Set(previous ?? []);
  const now = new Set(failing);
  return {
    newFailures: failing.filter((key) => !before.has(key)),
    recoveries: [...before].filter((key) => !now.has(key)).sort(),
    failing,
  };
}
