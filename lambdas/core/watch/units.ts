import type { MetricDefinitionSettings, WatchSettings } from '../config/watch-schema';
import { ownEntry } from '../own';
import type { TriggerDefinition } from './model';

/*
 * Response times come in seconds from some services and in milliseconds from others: ALB's
 * `TargetResponseTime` is in seconds, API Gateway's `Latency` in milliseconds. A baseline and a watch
 * read the same metric, so they always compare like with like; what can be in the wrong unit is a
 * number written in the configuration (a threshold, a floor), and the default floor, written for
 * ALB. Preflight knows the unit of the response-time metrics below; any other metric is left as
 * configured.
 */

export type TimeUnit = 'seconds' | 'milliseconds';

/** Response-time metrics whose unit CloudWatch documents, by `namespace metricName`. */
const KNOWN_UNITS: Readonly<Record<string, TimeUnit>> = {
  'AWS/ApplicationELB TargetResponseTime': 'seconds',
  'AWS/ELB Latency': 'seconds',
  'AWS/ApiGateway Latency': 'milliseconds',
  'AWS/ApiGateway IntegrationLatency': 'milliseconds',
  'AWS/AppSync Latency': 'milliseconds',
  'AWS/Lambda Duration': 'milliseconds',
  'AWS/CloudFront OriginLatency': 'milliseconds',
};

/** The default latency floor, 50 ms, in each unit. */
const FLOOR_50_MS: Readonly<Record<TimeUnit, number>> = { seconds: 0.05, milliseconds: 50 };

/**
 * A response time in seconds of a minute or more, or in milliseconds below one, is no response time
 * a watch compares with: it is the other unit.
 */
const IMPLAUSIBLE: Readonly<Record<TimeUnit, (value: number) => boolean>> = {
  seconds: (value) => value >= 60,
  milliseconds: (value) => value > 0 && value < 1,
};

/**
 * A floor in seconds of 10 or more. A floor is a noise guard under `k x baseline`: every response
 * time at or below it passes, whatever the baseline, so 50 (the millisecond default written as it is
 * for API Gateway) against ALB's seconds lets a p99 go from 0.2 s to 20 s and proceed. No response
 * time of 10 s is noise; a service whose p99 is seconds needs no floor, its `k x baseline` is far
 * above any.
 */
const FLOOR_LIMIT_SECONDS = 10;

/** A trigger's one metric with a known time unit, when its expression is exactly that metric id. */
export interface TimedMetric {
  readonly id: string;
  /** `namespace metricName`, as the message names it. */
  readonly name: string;
  readonly unit: TimeUnit;
}

/** The known-unit metric a trigger's expression is, or `null` (arithmetic, an unmapped id, an unknown metric). */
export function timedMetricOf(
  expression: string,
  metrics: Readonly<Record<string, MetricDefinitionSettings>>,
): TimedMetric | null {
  const id = expression.trim();
  const metric = ownEntry(metrics, id);
  if (metric === undefined || 'expression' in metric) return null;
  const name = `${metric.namespace} ${metric.metricName}`;
  const unit = ownEntry(KNOWN_UNITS, name);
  return unit === undefined ? null : { id, name, unit };
}

/**
 * The default latency floor in the unit of the latency metric: 50 ms is 0.05 for ALB (seconds) and
 * 50 for API Gateway (milliseconds). A configured floor, or a metric of unknown unit, is left alone.
 */
export function floorInUnit(
  trigger: TriggerDefinition,
  floorConfigured: boolean,
  metrics: Readonly<Record<string, MetricDefinitionSettings>>,
): TriggerDefinition {
  if (floorConfigured || trigger.floor !== FLOOR_50_MS.seconds) return trigger;
  const timed = timedMetricOf(trigger.expression, metrics);
  if (timed === null || timed.unit === 'seconds') return trigger;
  const note = `floor 50 ms: ${timed.name} is in milliseconds`;
  return {
    ...trigger,
    floor: FLOOR_50_MS[timed.unit],
    rule: trigger.rule === undefined ? note : `${trigger.rule}; ${note}`,
  };
}

/** A configured number that cannot be in the unit of the metric it is compared with. */
export interface UnitProblem {
  /** The configuration key, below `watch` (`triggers.latency.threshold`). */
  readonly key: string;
  readonly message: string;
}

const other = (unit: TimeUnit, value: number) =>
  unit === 'seconds' ? `for ${value} ms write ${value / 1000}` : `for ${value} s write ${value * 1000}`;

/**
 * Every configured threshold or floor of an enabled trigger that cannot be in the unit of the metric
 * it is compared with (`threshold: 500` against ALB's `TargetResponseTime`, in seconds): such a
 * trigger would never fire, or always. A canary (`versus`) comparing a metric in seconds with one in
 * milliseconds is one too.
 */
export function unitProblems(
  settings: Pick<WatchSettings, 'metrics'>,
  triggers: readonly TriggerDefinition[],
  configured: Readonly<Record<string, { readonly threshold?: unknown; readonly floor?: unknown }>>,
): UnitProblem[] {
  const problems: UnitProblem[] = [];
  for (const trigger of triggers) {
    const timed = timedMetricOf(trigger.expression, settings.metrics);
    if (timed === null) continue;
    const old = trigger.versus === null ? null : timedMetricOf(trigger.versus.expression, settings.metrics);
    if (old !== null && old.unit !== timed.unit) {
      problems.push({
        key: `triggers.${trigger.id}.versus.expression`,
        message: `${old.id} is ${old.name}, in ${old.unit}, and the new version's ${timed.id} is ${timed.name}, in ${timed.unit}: a ratio of the two is off by 1000; compare like with like`,
      });
    }
    const given = configured[trigger.id] ?? {};
    const limits: [string, number | null][] = [
      ['threshold', typeof given.threshold === 'number' ? given.threshold : null],
      ['floor', typeof given.floor === 'number' ? given.floor : null],
    ];
    for (const [key, value] of limits) {
      if (value === null) continue;
      if (key === 'floor' && timed.unit === 'seconds' && value >= FLOOR_LIMIT_SECONDS && value < 60) {
        problems.push({
          key: `triggers.${trigger.id}.floor`,
          message: `${value} against ${timed.name}, which CloudWatch reports in seconds: a floor of ${FLOOR_LIMIT_SECONDS} s or more lets every response time below it pass, whatever the baseline (a p99 from 0.2 s to 9 s); ${other(timed.unit, value)}`,
        });
        continue;
      }
      if (!IMPLAUSIBLE[timed.unit](value)) continue;
      problems.push({
        key: `triggers.${trigger.id}.${key}`,
        message: `${value} against ${timed.name}, which CloudWatch reports in ${timed.unit}: no response time a watch compares with; ${other(timed.unit, value)}`,
      });
    }
  }
  return problems;
}
