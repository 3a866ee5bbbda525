import type { CheckScopeEvidence } from './scope/types';

/**
 * Outcome of evaluating one rule against one resource. `MUTED` is a FAIL or WARN that a configured
 * mute covers: shown with the mute's reason and expiry, never counted as a PASS, and never blocking.
 * Only the report sets it (`core/mutes`), from the configuration; a check never reports it.
 */
export const FINDING_STATUSES = ['PASS', 'WARN', 'FAIL', 'ERROR', 'MUTED', 'SKIPPED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** The statuses a check may report: every one but `MUTED`, which only a configured mute gives. */
export const CHECK_STATUSES = [
  'PASS',
  'WARN',
  'FAIL',
  'ERROR',
  'SKIPPED',
] as const satisfies readonly FindingStatus[];

/** The configured mute that turned a FAIL or WARN into MUTED, as the finding carries it. */
export interface FindingMute {
  /** What the finding was before the mute: the status it returns to when the mute expires. */
  readonly status: 'FAIL' | 'WARN';
  /** The mute's `resource` as configured: an ARN, a glob or `tag:Key=Value`. */
  readonly resource: string;
  readonly reason: string;
  /** The last day (UTC, `YYYY-MM-DD`) the mute holds. */
  readonly until: string;
  /** When the mute was granted, when the configuration says. */
  readonly since?: string;
}

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
  /** Present exactly when `status` is `MUTED`: the mute, its reason and expiry. */
  readonly mute?: FindingMute;
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
  // Above PASS, so an item with a muted finding never rolls up as passing; below WARN, as it blocks nothing.
  MUTED: 2,
  WARN: 3,
  ERROR: 4,
  FAIL: 5,
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
  const counts: Record<FindingStatus, number> = { PASS: 0, WARN: 0, FAIL: 0, ERROR: 0, MUTED: 0, SKIPPED: 0 };
  for (const finding of findings) counts[finding.status] += 1;
  return counts;
}
