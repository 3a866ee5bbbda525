import { computeBaseline } from './baseline';
import { alignFetch } from './fetch';
import type { MetricFetch, WatchPlan } from './model';
import { readPeriod } from './period-reading';
import { periodStarts } from './periods';
import { publishingIntervals } from './publishing-interval';
import { median } from './stats';

/** How one trigger's value has moved since the deployment, against its baseline. */
export interface TriggerTrend {
  readonly triggerId: string;
  readonly baselineMedian: number | null;
  /** Median of the eligible periods from the deployment to now. */
  readonly sinceMedian: number | null;
  /** `sinceMedian / baselineMedian`, when both are known and the baseline is not zero. */
  readonly ratio: number | null;
  readonly periods: number;
}

/**
 * The performance trend a follow-up reports: for every trigger of the watch, the median value over
 * the periods since the deployment against the median of its baseline, from one fetch that covers
 * both (`[plan.baselineStartMs, untilMs)`, as the fetch says).
 */
export function performanceTrend(plan: WatchPlan, fetch: MetricFetch, untilMs: number): TriggerTrend[] {
  const aligned = alignFetch(plan, fetch, publishingIntervals(plan, fetch));
  const starts = periodStarts(plan.firstPeriodMs, untilMs, plan.periodMs);
  return plan.triggers.map((trigger) => {
    const baseline = computeBaseline(trigger, plan, aligned);
    const since = starts.flatMap((start) => {
      const reading = readPeriod(trigger, aligned, start);
      return reading.kind === 'value' ? [reading.value] : [];
    });
    const sinceMedian = median(since);
    const baselineMedian = baseline.median;
    return {
      triggerId: trigger.id,
      baselineMedian,
      sinceMedian,
      ratio:
        sinceMedian !== null && baselineMedian !== null && baselineMedian !== 0
          ? sinceMedian / baselineMedian
          : null,
      periods: since.length,
    };
  });
}
