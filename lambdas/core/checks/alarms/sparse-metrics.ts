import type { WatchedMetric } from './ports';

/*
 * Metrics AWS publishes only when their value is non-zero (their reporting criterion is "there is
 * a nonzero value"): a period without errors has no data point at all. For an alarm on them,
 * missing data means "none", so TreatMissingData notBreaching is the right setting, not a blind spot.
 */

const ALB_COUNTS = [
  'RequestCount',
  'HTTPCode_ELB_3XX_Count',
  'HTTPCode_ELB_4XX_Count',
  'HTTPCode_ELB_5XX_Count',
  'HTTPCode_ELB_500_Count',
  'HTTPCode_ELB_502_Count',
  'HTTPCode_ELB_503_Count',
  'HTTPCode_ELB_504_Count',
  'HTTPCode_Target_2XX_Count',
  'HTTPCode_Target_3XX_Count',
  'HTTPCode_Target_4XX_Count',
  'HTTPCode_Target_5XX_Count',
  'RejectedConnectionCount',
  'TargetConnectionErrorCount',
  'TargetTLSNegotiationErrorCount',
  'ClientTLSNegotiationErrorCount',
  'ELBAuthError',
  'ELBAuthFailure',
  'LambdaInternalError',
  'LambdaUserError',
];

const CLASSIC_ELB_COUNTS = [
  'RequestCount',
  'HTTPCode_Backend_2XX',
  'HTTPCode_Backend_3XX',
  'HTTPCode_Backend_4XX',
  'HTTPCode_Backend_5XX',
  'HTTPCode_ELB_4XX',
  'HTTPCode_ELB_5XX',
  'BackendConnectionErrors',
  'SpilloverCount',
];

const SPARSE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['AWS/ApplicationELB', new Set(ALB_COUNTS)],
  ['AWS/ELB', new Set(CLASSIC_ELB_COUNTS)],
]);

/** True when every metric the alarm reads is published only when non-zero. */
export function onlyReportedWhenNonZero(metrics: readonly WatchedMetric[]): boolean {
  return (
    metrics.length > 0 &&
    metrics.every((metric) => SPARSE.get(metric.namespace)?.has(metric.metricName) === true)
  );
}
