import { WATCH_DEFAULTS } from '../../lambdas/core/watch/defaults';
import type { Aggregation, Datapoint, TriggerDefinition } from '../../lambdas/core/watch/model';
import type { WatchConfig } from '../../lambdas/core/watch/plan';

/** How the default triggers' placeholder metrics combine, as their usual CloudWatch statistics would. */
export const DEFAULT_AGGREGATION: Readonly<Record<string, Aggregation>> = {
  requests: 'sum',
  errors: 'sum',
  latency: 'average',
  unhealthy_hosts: 'maximum',
  db_connection_errors: 'sum',
};

/** The watch's defaults (docs/watch.md) with the given triggers and overrides. */
export function watchConfig(
  triggers: readonly TriggerDefinition[],
  overrides: Partial<WatchConfig> = {},
): WatchConfig {
  return {
    minutes: WATCH_DEFAULTS.minutes,
    periodSeconds: WATCH_DEFAULTS.periodSeconds,
    ingestionLagSeconds: WATCH_DEFAULTS.ingestionLagSeconds,
    baselineMinutes: WATCH_DEFAULTS.baselineMinutes,
    baselineMinCoverage: WATCH_DEFAULTS.baselineMinCoverage,
    maxNoDataMinutes: WATCH_DEFAULTS.maxNoDataMinutes,
    triggers,
    aggregation: DEFAULT_AGGREGATION,
    ...overrides,
  };
}

/**
 * The naive rule: at each step, the newest datapoint that has arrived (complete and past the
 * ingestion lag, as the watch sees data) breaches a static threshold. No window, no baseline.
 * Returns the step time of the first breach, or null.
 */
export function naiveFirstBreach(options: {
  readonly value: (periodStartMs: number) => number | null;
  readonly breaches: (value: number) => boolean;
  readonly firstStepMs: number;
  readonly lastStepMs: number;
  readonly periodMs: number;
  readonly lagMs: number;
}): number | null {
  const { periodMs, lagMs } = options;
  for (let now = options.firstStepMs; now <= options.lastStepMs; now += periodMs) {
    const newest = Math.floor((now - lagMs) / periodMs) * periodMs - periodMs;
    const value = options.value(newest);
    if (value !== null && options.breaches(value)) return now;
  }
  return null;
}

/** The value of `points` in the period starting at `startMs` (exact timestamp match, data at the period). */
export function indexByTime(points: readonly Datapoint[]): Map<number, number> {
  return new Map(points.map((p) => [p.timestamp, p.value]));
}
