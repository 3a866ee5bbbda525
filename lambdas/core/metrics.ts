/*
 * The metrics Preflight's functions emit (CloudWatch embedded metric format), in one place so that
 * the functions and the dashboard name the same ones. Dimensions are kept to Service and Environment:
 * every distinct dimension set is a metric CloudWatch bills for.
 */

/** The namespace of every Preflight metric, the state machines' failure counts included. */
export const METRICS_NAMESPACE = 'Preflight';

/** The dimensions of the functions' metrics, in this order. */
export const METRIC_DIMENSIONS = ['Service', 'Environment'] as const;

export const FUNCTION_METRICS = {
  /** A report's verdict (gate or scheduled): 1 in the one of the three that happened. */
  verdictPass: 'VerdictPass',
  verdictFail: 'VerdictFail',
  verdictError: 'VerdictError',
  /** Checklist items blocking the verdict. */
  blockingItems: 'BlockingItems',
  /** A watch's final decision: 1 in the one that happened. */
  watchProceed: 'WatchProceed',
  watchRollback: 'WatchRollback',
  watchInconclusive: 'WatchInconclusive',
  /** A rollback action that ran (not `none`), and whether it succeeded. */
  rollbacks: 'Rollbacks',
  rollbacksFailed: 'RollbacksFailed',
  /** Seconds from the deciding trigger's first breaching period to the rollback decision. */
  breachToDecision: 'BreachToDecisionSeconds',
} as const;
export type FunctionMetric = (typeof FUNCTION_METRICS)[keyof typeof FUNCTION_METRICS];
