import type { MetricFetch, TriggerDefinition, WatchPlan } from './model';
import { metricIdsOfTrigger } from './period-reading';
import { type AlignedSeries, alignSeries } from './periods';

/** Every metric of a fetch, aligned to the plan's periods (duplicates dropped, see `alignSeries`). */
export function alignFetch(plan: WatchPlan, fetch: MetricFetch): Record<string, AlignedSeries> {
  const aligned: Record<string, AlignedSeries> = {};
  for (const [id, points] of Object.entries(fetch.series)) {
    aligned[id] = alignSeries(
      points,
      plan.periodMs,
      plan.aggregation[id] ?? 'average',
      fetch.fromMs,
      fetch.toMs,
    );
  }
  return aligned;
}

/** The provider's error for any of the trigger's metrics, or `null`. */
export function fetchErrorFor(trigger: TriggerDefinition, fetch: MetricFetch): string | null {
  const errors = metricIdsOfTrigger(trigger)
    .filter((id) => fetch.errors[id] !== undefined)
    .map((id) => `${id}: ${fetch.errors[id]}`);
  return errors.length === 0 ? null : errors.join('; ');
}

/** Every metric id the plan's triggers use, once each. */
export function metricIdsOfPlan(plan: WatchPlan): string[] {
  return [...new Set(plan.triggers.flatMap(metricIdsOfTrigger))];
}
