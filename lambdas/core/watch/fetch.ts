import { ownEntry } from '../own';
import type { MetricFetch, PublishingInterval, TriggerDefinition, WatchPlan } from './model';
import { metricIdsOfTrigger } from './period-reading';
import { type AlignedSeries, alignSeries } from './periods';
import { spreadSeries } from './publishing-interval';

/**
 * Every metric of a fetch, aligned to the plan's periods (duplicates dropped, see `alignSeries`); a
 * metric published less often than the period (`intervals`) is read over the periods each
 * datapoint covers (see `spreadSeries`).
 */
export function alignFetch(
  plan: WatchPlan,
  fetch: MetricFetch,
  intervals: Readonly<Record<string, PublishingInterval>> = {},
): Record<string, AlignedSeries> {
  const aligned: Record<string, AlignedSeries> = {};
  for (const [id, points] of Object.entries(fetch.series)) {
    const aggregation = plan.aggregation[id] ?? 'average';
    const series = alignSeries(points, plan.periodMs, aggregation, fetch.fromMs, fetch.toMs);
    const interval = ownEntry(intervals, id);
    aligned[id] =
      interval === undefined
        ? series
        : spreadSeries(series, interval, plan.periodMs, aggregation, fetch.toMs);
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
