/*
 * Metrics AWS publishes only when their value is non-zero (their reporting criterion is "there is
 * a nonzero value"): a period without errors has no data point at all. For an alarm on them,
 * missing data means "none", so TreatMissingData notBreaching is the right setting, not a blind spot,
 * and a key metric without recent datapoints may only mean that nothing went wrong.
 */

/** A metric by namespace and name. */
interface NamedMetric {
  readonly namespace: string;
  readonly metricName: string;
}

/*
 * RequestCount is left out on purpose although ELB publishes it only with traffic: no traffic is
 * what a low-traffic alarm or a key metric is there to catch, so its missing data is not "fine".
 */
const ALB_COUNTS = [
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

/** True when every metric given (at least one) is published only when non-zero. */
export function onlyReportedWhenNonZero(metrics: readonly NamedMetric[]): boolean {
  return (
    metrics.length > 0 &&
    metrics.every((metric) => SPARSE.get(metric.namespace)?.has(metric.metricName) === true)
  );
}
