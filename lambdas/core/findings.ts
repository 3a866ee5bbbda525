import type { CheckScopeEvidence } from './scope/types';

/** Outcome of evaluating one rule against one resource. */
export const FINDING_STATUSES = ['PASS', 'WARN', 'FAIL', 'ERROR', 'SKIPPED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** What one check concluded about one resource. */
export interface Finding {
  /** The check that produced this finding, e.g. `database-backups`. */
  readonly checkId: string;
  /** The rule within the check, e.g. `retention` or `restore-test`. */
  readonly rule: string;
  /**
   * The checklist item this finding speaks to directly, for findings that are not an automated
   * check's (attestations, sign-offs, the deployment window). Check findings reach their items
   * through the item's `checkIds` instead.
   */
  readonly itemId?: string;
  /** The resource judged (an ARN, a host:port, a name), or `*` for the account as a whole. */
  readonly resource: string;
  readonly status: FindingStatus;
  readonly message: string;
  /** Plain data that supports the conclusion: dates, values, thresholds. */
  readonly evidence?: Readonly<Record<string, unknown>>;
  /** What to do about a WARN, FAIL or ERROR. */
  readonly remediation?: string;
  /** The region the finding was judged in, when the run names regions. */
  readonly region?: string;
}

/** Everything one check reported in one run (in one region, when the run names regions). */
export interface CheckResult {
  readonly checkId: string;
  readonly findings: readonly Finding[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** The region the check ran in, when the run names regions. */
  readonly region?: string;
  /** For a service's run: which resources the check judged, and why each is the service's. */
  readonly scope?: CheckScopeEvidence;
}

/**
 * Severity order used to roll findings up: the worst status wins.
 * FAIL ranks above ERROR because a known failure is the stronger statement;
 * both block a gate, so the order only decides which one a summary shows.
 */
const SEVERITY: Readonly<Record<FindingStatus, number>> = {
  SKIPPED: 0,
  PASS: 1,
  WARN: 2,
  ERROR: 3,
  FAIL: 4,
};

/** The worst of the given statuses, or `undefined` when there are none. */
export function worstStatus(statuses: Iterable<FindingStatus>): FindingStatus | undefined {
  let worst: FindingStatus | undefined;
  for (const status of statuses) {
    if (worst === undefined || SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

/** Counts findings by status; every status is present, zero included. */
export function countByStatus(findings: Iterable<Pick<Finding, 'status'>>): Record<FindingStatus, number> {
  const counts: Record<FindingStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, ERROR: 0, SKIPPED: 0 };
  for (const finding of findings) counts[finding.status] += 1;
  return counts;
}
