import type { CheckResult, Finding, FindingStatus } from '../findings';

/** The answer to "may we deploy?": FAIL and ERROR both block; ERROR means "could not tell". */
export type Verdict = 'PASS' | 'FAIL' | 'ERROR';

/** An item's status: the worst of its checks' findings, or NOT_RUN when none of its checks ran. */
export type ItemStatus = FindingStatus | 'NOT_RUN';

export interface ItemResult {
  readonly id: string;
  readonly section: string;
  readonly group: string;
  readonly title: string;
  readonly checkIds: readonly string[];
  readonly status: ItemStatus;
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

export interface CheckSummary {
  readonly checkId: string;
  readonly status: FindingStatus;
  readonly durationMs: number;
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

/** A complete audit: what was checked, what was found, and the verdict. Plain JSON. */
export interface AuditReport {
  readonly reportVersion: 1;
  readonly checklistVersion: string;
  readonly generatedAt: string;
  /** What was audited, e.g. `sample account` or `123456789012 eu-west-1`. */
  readonly target: string;
  readonly verdict: Verdict;
  /** Whether WARN findings counted as failures for the verdict. */
  readonly warnBlocks: boolean;
  readonly counts: Readonly<Record<FindingStatus, number>>;
  /** Ids of the items that block the verdict, worst first. */
  readonly blockingItems: readonly string[];
  readonly items: readonly ItemResult[];
  readonly checks: readonly CheckSummary[];
  readonly findings: readonly Finding[];
}

export type { CheckResult };
