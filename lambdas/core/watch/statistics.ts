import type { MetricDefinitionSettings, WatchSettings } from '../config/watch-schema';
import { ownEntry } from '../own';
import { DEFAULT_TRIGGERS } from './defaults';
import type { TriggerDefinition } from './model';
import { metricIdsOfTrigger } from './period-reading';
import type { UnitProblem } from './units';

/*
 * A count read with another statistic than Sum is not a count. CloudWatch's Average, Minimum and
 * Maximum of a load balancer's count metrics are 1 per datapoint whatever the traffic: an error rate
 * over them is 1 / 1 in any minute with one error, and "at least 50 requests" is never met. For any
 * count, the Average is a count per datapoint, and the Maximum the largest datapoint, not the
 * period's count. Such a watch could only roll back on a single error or end INCONCLUSIVE.
 */

/**
 * AWS count metrics, by `namespace metricName`, whose Average, Minimum and Maximum CloudWatch
 * documents as 1: only their Sum is the count.
 */
const COUNTS_OF_ONES: ReadonlySet<string> = new Set([
  'AWS/ApplicationELB RequestCount',
  'AWS/ApplicationELB HTTPCode_Target_2XX_Count',
  'AWS/ApplicationELB HTTPCode_Target_4XX_Count',
  'AWS/ApplicationELB HTTPCode_Target_5XX_Count',
  'AWS/ApplicationELB HTTPCode_ELB_4XX_Count',
  'AWS/ApplicationELB HTTPCode_ELB_5XX_Count',
  'AWS/ApplicationELB TargetConnectionErrorCount',
  'AWS/ApplicationELB RejectedConnectionCount',
  'AWS/ELB RequestCount',
  'AWS/ELB HTTPCode_Backend_4XX',
  'AWS/ELB HTTPCode_Backend_5XX',
  'AWS/ELB HTTPCode_ELB_4XX',
  'AWS/ELB HTTPCode_ELB_5XX',
  'AWS/ELB BackendConnectionErrors',
]);

/** Statistics that are a count of something in the period. */
const COUNTING = new Set(['Sum', 'SampleCount']);

/** The metric ids a default trigger reads as counts, when its expression is still the default one. */
const DEFAULT_COUNTS: Readonly<Record<string, readonly string[]>> = {
  'error-rate': ['errors', 'requests'],
  'db-connection-errors': ['db_connection_errors'],
};

function readsAsCount(trigger: TriggerDefinition, id: string): boolean {
  const original = DEFAULT_TRIGGERS.find((t) => t.id === trigger.id);
  return original?.expression === trigger.expression && (DEFAULT_COUNTS[trigger.id] ?? []).includes(id);
}

function problemOf(
  id: string,
  metric: MetricDefinitionSettings,
  trigger: TriggerDefinition,
): UnitProblem | null {
  if ('expression' in metric || COUNTING.has(metric.stat)) return null;
  const name = `${metric.namespace} ${metric.metricName}`;
  const key = `metrics.${id}.stat`;
  if (COUNTS_OF_ONES.has(name) && metric.stat !== 'Sum') {
    return {
      key,
      message: `${metric.stat} of ${name}, a count: CloudWatch gives 1 for its Average, Minimum and Maximum whatever the traffic, so triggers.${trigger.id} (${trigger.expression}) would read 1 ${id === 'requests' ? 'request' : 'event'} a period; expected "Sum"`,
    };
  }
  if (!readsAsCount(trigger, id)) return null;
  const what =
    metric.stat === 'Maximum' || metric.stat === 'Minimum'
      ? `the ${metric.stat} of a count is the ${metric.stat === 'Maximum' ? 'largest' : 'smallest'} single datapoint in the period, not the count`
      : `the ${metric.stat} of a count is a count per datapoint, not in the period`;
  return {
    key,
    message: `${metric.stat} of ${name}, which triggers.${trigger.id} counts (${trigger.expression}): ${what}; expected "Sum"`,
  };
}

/**
 * Every metric an enabled trigger reads as a count and the configuration maps with a statistic
 * that is not one: a known AWS count metric with anything but Sum, or a default trigger's count
 * (`requests`, `errors`, `db_connection_errors`) with anything but Sum or SampleCount. Once per id.
 */
export function statisticProblems(
  settings: Pick<WatchSettings, 'metrics'>,
  triggers: readonly TriggerDefinition[],
): UnitProblem[] {
  const problems = new Map<string, UnitProblem>();
  for (const trigger of triggers) {
    for (const id of metricIdsOfTrigger(trigger)) {
      const metric = ownEntry(settings.metrics, id);
      if (metric === undefined || problems.has(id)) continue;
      const problem = problemOf(id, metric, trigger);
      if (problem !== null) problems.set(id, problem);
    }
  }
  return [...problems.values()];
}
