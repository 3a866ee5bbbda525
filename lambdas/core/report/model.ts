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
  /** The region the check ran in, when the run names regions. */
  readonly region?: string;
  readonly status: FindingStatus;
  readonly durationMs: number;
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

/** Whose gate or audit it is: the service in an environment, its account and regions. */
export interface ReportTarget {
  readonly service: string;
  readonly environment: string;
  /** The account; absent for the account Preflight (or the caller) runs in. */
  readonly account?: string;
  /** The region, when the run covers exactly one. */
  readonly region?: string;
  /** Every region the run covers; empty for the region Preflight (or the caller) runs in. */
  readonly regions: readonly string[];
  /** True when no services are configured: the whole account is judged. */
  readonly implicit: boolean;
  /** The images a gate was given to deploy (`release.images`), as referenced; absent when none. */
  readonly release?: readonly string[];
}

/** One resource in a service's scope, with why it is the service's and which checks judged it. */
export interface ScopedResourceReport {
  readonly arn: string;
  readonly region?: string;
  /** e.g. `tag service=orders-api`, `stack payments-prod (Cluster)`, `arn`, `name catalog-items`. */
  readonly why: readonly string[];
  readonly checks: readonly string[];
}

/** How the service's scope resolved: the evidence that only its own resources were judged. */
export interface ScopeReport {
  /** The selectors, e.g. `tag service=orders-api`, `stack payments-prod`. */
  readonly selectors: readonly string[];
  readonly resources: readonly ScopedResourceReport[];
  /** Selectors that matched nothing any check judges, in any region of the run. */
  readonly unmatched: readonly string[];
}

/** Findings about the account as a whole (IAM keys), judged once per account, never hidden. */
export interface AccountFindingsReport {
  /** Whether they count in this report's items and verdict (`accountFindings: block`). */
  readonly blocks: boolean;
  readonly status: FindingStatus;
  readonly counts: Readonly<Record<FindingStatus, number>>;
  readonly findings: readonly Finding[];
}

/** A complete audit: what was checked, what was found, and the verdict. Plain JSON. */
export interface AuditReport {
  readonly reportVersion: 2;
  readonly checklistVersion: string;
  readonly generatedAt: string;
  /** What was audited, in words, e.g. `orders-api prod deploy-42` or `AWS account 123456789012 (eu-west-1)`. */
  readonly label: string;
  /**
   * The configuration that judged the run, in words: the file the CLI read, `built-in defaults` or
   * `the sample organization`. Absent in the deployed stack's reports: the stack's own configuration.
   */
  readonly configuration?: string;
  readonly target: ReportTarget;
  /** For a service: which resources were in scope and why, and which selectors matched nothing. */
  readonly scope?: ScopeReport;
  /** For a service: the account-wide findings, shown apart (and blocking only with `accountFindings: block`). */
  readonly account?: AccountFindingsReport;
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
