import {
  DB_CONNECTION_ERRORS,
  ERROR_RATE,
  HEALTH_CHECKS,
  LATENCY,
} from '../../../lambdas/core/watch/defaults';
import type { Datapoint, TriggerDefinition } from '../../../lambdas/core/watch/model';
import type { WatchConfig } from '../../../lambdas/core/watch/plan';

/** Synthetic timelines for the watch: minutes relative to a deployment at T0 (aligned to the minute). */
export const T0 = Date.parse('2026-03-02T10:00:00Z');
export const MIN = 60_000;

/** `T0 + minutes`. */
export const at = (minutes: number): number => T0 + minutes * MIN;

/** One datapoint a minute from `fromMinute`; `null` leaves a gap. */
export function perMinute(fromMinute: number, values: readonly (number | null)[]): Datapoint[] {
  return values.flatMap((value, i) => (value === null ? [] : [{ timestamp: at(fromMinute + i), value }]));
}

/** `count` copies of `value`. */
export const repeat = <T>(value: T, count: number): T[] => Array.from({ length: count }, () => value);

/** A 30-minute watch with 1-minute periods, a 2-minute ingestion lag and a 60-minute baseline. */
export function watchConfig(
  triggers: readonly TriggerDefinition[],
  overrides: Partial<WatchConfig> = {},
): WatchConfig {
  return {
    minutes: 30,
    periodSeconds: 60,
    ingestionLagSeconds: 120,
    baselineMinutes: 60,
    baselineMinCoverage: 0.5,
    maxNoDataMinutes: 10,
    triggers,
    aggregation: { requests: 'sum', errors: 'sum', db_connection_errors: 'sum' },
    ...overrides,
  };
}

/** Steady traffic from the baseline to past the watch: `requests` a minute, `errors` as given. */
export function traffic(
  errorsPerMinute: (minute: number) => number | null,
  requestsPerMinute: (minute: number) => number | null = () => 1000,
): { requests: Datapoint[]; errors: Datapoint[] } {
  const minutes = Array.from({ length: 110 }, (_, i) => i - 65);
  return {
    requests: minutes.flatMap((m) => {
      const v = requestsPerMinute(m);
      return v === null ? [] : [{ timestamp: at(m), value: v }];
    }),
    errors: minutes.flatMap((m) => {
      const v = errorsPerMinute(m);
      return v === null ? [] : [{ timestamp: at(m), value: v }];
    }),
  };
}

export { DB_CONNECTION_ERRORS, ERROR_RATE, HEALTH_CHECKS, LATENCY };
