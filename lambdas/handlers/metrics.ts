import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type FunctionMetric, METRICS_NAMESPACE } from '../core/metrics';

/*
 * Embedded-metric-format output for the functions that emit Preflight's metrics (build report, act):
 * one EMF line per call, printed to the function's log, which CloudWatch turns into metrics (no
 * PutMetricData permission, no extra call). Only Service and Environment as dimensions: Powertools'
 * default `service` dimension is cleared so each metric has exactly the dimension set the dashboard
 * reads.
 */

let metrics: Metrics | undefined;

function instance(): Metrics {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE });
  return metrics;
}

export interface MetricValue {
  readonly name: FunctionMetric;
  readonly value: number;
  readonly unit?: 'Count' | 'Seconds';
}

/** Prints one EMF record with `values` for one service in one environment. Never throws. */
export function emitMetrics(
  where: { readonly service: string; readonly environment: string },
  values: readonly MetricValue[],
): void {
  if (values.length === 0) return;
  try {
    const m = instance();
    m.clearDefaultDimensions();
    m.addDimensions({ Service: where.service, Environment: where.environment });
    for (const { name, value, unit } of values) {
      m.addMetric(name, unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count, value);
    }
    m.publishStoredMetrics();
  } catch {
    // A metric is never worth failing a verdict or a decision for.
  }
}

/**
 * Adds 1 to a workflow's failure count (`EventsFailed`, dimension Workflow), as the state machines
 * count theirs with PutMetricData, so the same alarm reads both. Never throws.
 */
export function emitFailureCount(metricName: 'EventsFailed', workflow: string): void {
  try {
    const single = instance().singleMetric();
    single.clearDefaultDimensions();
    single.addDimension('Workflow', workflow);
    single.addMetric(metricName, MetricUnit.Count, 1);
  } catch {
    // Counting a failure must not become one.
  }
}
