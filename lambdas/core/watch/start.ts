import { computeBaseline, unusableBaseline } from './baseline';
import { alignFetch, fetchErrorFor, metricIdsOfPlan } from './fetch';
import type { Baseline, MetricFetch, MetricQuery, TriggerState, WatchPlan, WatchState } from './model';
import { reportedIn, zeroFilledIdsOf } from './period-reading';
import { periodStarts } from './periods';
import { publishingIntervals } from './publishing-interval';

/** The one query the baseline needs: every trigger metric over the baseline window. */
export function baselineQuery(plan: WatchPlan): MetricQuery {
  return { fromMs: plan.baselineStartMs, toMs: plan.baselineEndMs, metricIds: metricIdsOfPlan(plan) };
}

function initialTriggerState(plan: WatchPlan, silent: readonly string[]): TriggerState {
  return {
    silent,
    cursorMs: plan.firstPeriodMs,
    lastJudged: [],
    judgedCount: 0,
    missingCount: 0,
    lowTrafficCount: 0,
    recent: [],
    lastDataMs: null,
    error: null,
    breach: null,
  };
}

/**
 * Records the baseline (once, at the start) and returns the watch's first state. A provider error
 * on a trigger's metrics makes that trigger's baseline unusable with the reason; it does not stop
 * the watch (absolute triggers do not need a baseline).
 */
export function recordBaseline(plan: WatchPlan, fetch: MetricFetch): WatchState {
  const intervals = publishingIntervals(plan, fetch);
  const aligned = alignFetch(plan, fetch, intervals);
  const baselines: Record<string, Baseline> = {};
  const triggers: Record<string, TriggerState> = {};
  for (const trigger of plan.triggers) {
    const error = fetchErrorFor(trigger, fetch);
    baselines[trigger.id] =
      error === null
        ? computeBaseline(trigger, plan, aligned)
        : unusableBaseline(plan, `the metrics provider failed: ${error}`);
    // A provider error leaves aliveness unknown: the metric must then show itself during the watch.
    const silent = zeroFilledIdsOf(trigger).filter(
      (id) =>
        error !== null ||
        !periodStarts(plan.baselineStartMs, plan.baselineEndMs, plan.periodMs).some((start) =>
          reportedIn(aligned, id, start),
        ),
    );
    triggers[trigger.id] = initialTriggerState(plan, silent);
  }
  return {
    version: 1,
    baselines,
    ...(Object.keys(intervals).length === 0 ? {} : { intervals }),
    triggers,
    escalatedAtMs: null,
    abort: null,
    decision: null,
    steps: 0,
  };
}
