import type { TargetPlan } from '../../lambdas/core/fanout/targets';
import type { FindingStatus } from '../../lambdas/core/findings';
import type { Verdict } from '../../lambdas/core/report/model';

/*
 * Messages between the fan-out benchmark and its worker processes. The parent serves the
 * organization and plays the Map Run: it hands out one target at a time to the workers, at most
 * MaxConcurrency in flight in all, as Step Functions starts child executions; the workers are the
 * children's compute (this machine's cores standing in for Lambda's), each running the fan-out's
 * logic with real SDK clients against the parent's endpoint.
 */

/** Parent → worker (the endpoint's URL is in the worker's environment, BENCH_ENDPOINT). */
export type ToWorker =
  | { readonly type: 'list' }
  | { readonly type: 'plan'; readonly plan: TargetPlan }
  | { readonly type: 'audit'; readonly index: number }
  | { readonly type: 'cpu' };

/** Worker → parent. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'listed'; readonly plan: TargetPlan; readonly tasks: readonly number[] }
  | {
      readonly type: 'audited';
      readonly index: number;
      readonly wallMs: number;
      /** The check tasks' times added up (what their function invocations would be billed for). */
      readonly taskMs: number;
      readonly verdict: Verdict;
      readonly counts: Readonly<Record<FindingStatus, number>>;
    }
  | { readonly type: 'cpu'; readonly cpuMs: number };
