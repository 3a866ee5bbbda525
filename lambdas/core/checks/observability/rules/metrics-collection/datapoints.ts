import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { onlyReportedWhenNonZero } from '../../../kit/sparse-metrics';
import { metricFinding } from '../../finding';
import { type KeyMetric, RECENTLY_ACTIVE_HOURS } from '../../ports';

/** How a key metric is named in findings: `AWS/ApplicationELB/HTTPCode_Target_5XX_Count{LoadBalancer=app/x}`. */
export function metricResource(metric: KeyMetric): string {
  const dimensions = Object.entries(metric.dimensions ?? {}).map(([name, value]) => `${name}=${value}`);
  return `${metric.namespace}/${metric.metricName}${dimensions.length === 0 ? '' : `{${dimensions.join(',')}}`}`;
}

/**
 * `datapoints`: the key metric received datapoints in the last 3 hours (ListMetrics' RecentlyActive
 * window; finer freshness needs GetMetricData, which the deployment watch reads). None: FAIL, the
 * metric stopped or never started, or WARN for a metric AWS publishes only when non-zero (none may
 * mean nothing went wrong); the listing that failed: ERROR.
 */
export function judgeDatapoints(metric: KeyMetric, active: Outcome<number>): Finding {
  const resource = metricResource(metric);
  const evidence = {
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions ?? {},
    windowHours: RECENTLY_ACTIVE_HOURS,
  };
  if (!active.ok) return errorFinding(metricFinding, 'datapoints', resource, active.error, evidence);
  if (active.value > 0) {
    return metricFinding('datapoints', resource, {
      status: 'PASS',
      message: `${resource}: datapoints in the last ${RECENTLY_ACTIVE_HOURS} h (${active.value} matching metric${active.value === 1 ? '' : 's'}).`,
      evidence: { ...evidence, activeMetrics: active.value },
    });
  }
  if (onlyReportedWhenNonZero([metric])) {
    return metricFinding('datapoints', resource, {
      status: 'WARN',
      message: `${resource}: no datapoints in the last ${RECENTLY_ACTIVE_HOURS} h, but AWS publishes ${metric.metricName} only when it is non-zero: that may only mean none happened, so collection is not proven either way.`,
      evidence: { ...evidence, activeMetrics: 0, onlyReportedWhenNonZero: true },
      remediation:
        'Name a key metric published whenever the service runs (HealthyHostCount, or a metric the service emits itself) to prove collection; keep this one for the deployment watch.',
    });
  }
  return metricFinding('datapoints', resource, {
    status: 'FAIL',
    message: `${resource}: no datapoints in the last ${RECENTLY_ACTIVE_HOURS} h.`,
    evidence: { ...evidence, activeMetrics: 0 },
    remediation:
      'Check that the service still publishes the metric (its agent, SDK or embedded metric format) with exactly these namespace, name and dimensions, and that it has traffic; fix the name in the service keyMetrics if it changed.',
  });
}
