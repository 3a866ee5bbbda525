import type { CheckId } from '../../lambdas/core/config/schema';

/*
 * Messages between the benchmark (which serves the account) and the child process that audits it:
 * the audit runs in its own process so its memory is measured alone, and the parent resets the
 * endpoint's counters and rate buckets before each measured phase.
 */

export interface AuditJob {
  readonly endpoint: string;
  /** Preflight's adapters, or the naive describe-per-resource variant. */
  readonly mode: 'ours' | 'naive';
  /** Run the whole audit at once (runChecks, default concurrency): wall time and peak memory. */
  readonly wholeAudit: boolean;
  /** Then run each check alone, one after another: calls and wall time per check. */
  readonly perCheck: readonly CheckId[];
  /** The account's scale (1: full size), to name the release's images the endpoint serves. */
  readonly scale: number;
}

export type StatusCounts = Record<string, number>;

/** Child → parent. */
export type ChildMessage =
  | { readonly type: 'begin'; readonly label: string }
  | {
      readonly type: 'end';
      readonly label: string;
      readonly wallMs: number;
      readonly statuses: StatusCounts;
      /** Peak of the sampled V8 heap in use, bytes. */
      readonly peakHeapBytes?: number;
      /** Peak resident set of the process so far, bytes. */
      readonly maxRssBytes?: number;
      /** Resident set before the audit started (modules loaded), bytes. */
      readonly startRssBytes?: number;
    }
  | { readonly type: 'done' };

/** Parent → child. */
export type ParentMessage = { readonly type: 'job'; readonly job: AuditJob } | { readonly type: 'go' };
