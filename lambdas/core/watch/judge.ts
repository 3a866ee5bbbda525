import { fetchErrorFor } from './fetch';
import type {
  Baseline,
  MetricFetch,
  PeriodMark,
  PeriodRecord,
  TriggerDefinition,
  TriggerState,
  WatchPlan,
} from './model';
import type { AlignedSeries } from './periods';
import { type PeriodReading, readPeriod } from './reading';
import { breaches, effectiveThreshold } from './threshold';
import { windowBreached, windowOf } from './window';

/** Periods kept as evidence of what the trigger saw lately, whatever their mark. */
const RECENT_MIN = 5;

function markOf(trigger: TriggerDefinition, reading: PeriodReading, threshold: number): PeriodMark {
  switch (reading.kind) {
    case 'value':
      return breaches(reading.value, trigger.comparison, threshold) ? 'B' : 'P';
    case 'ineligible':
      return 'L';
    case 'missing':
      return trigger.missingData === 'breaching' ? 'B' : trigger.missingData === 'notBreaching' ? 'P' : 'M';
  }
}

/** Whether a trigger can judge periods at all: a relative one needs a usable baseline. */
export function canJudge(trigger: TriggerDefinition, baseline: Baseline): boolean {
  return effectiveThreshold(trigger, baseline) !== null;
}

/**
 * Judges a trigger's periods from its cursor up to `untilMs` (complete periods only), once each:
 * the cursor moves past every judged period, so no period is ever counted twice. Stops at the
 * first breach. A provider error on its metrics judges nothing (the periods are asked for again
 * next time) and is recorded; it never counts as a breach.
 */
export function judgeTrigger(
  trigger: TriggerDefinition,
  baseline: Baseline,
  state: TriggerState,
  plan: WatchPlan,
  fetch: MetricFetch,
  aligned: Readonly<Record<string, AlignedSeries>>,
  untilMs: number,
): TriggerState {
  const error = fetchErrorFor(trigger, fetch);
  if (error !== null) return { ...state, error };
  const threshold = effectiveThreshold(trigger, baseline);
  // The fetch must cover the cursor: a period the provider was not asked about is not "no data".
  if (threshold === null || state.breach !== null || fetch.fromMs > state.cursorMs) {
    return { ...state, error: null };
  }
  const window = windowOf(trigger);
  const recentMax = Math.max(window.of, RECENT_MIN);
  let next: TriggerState = { ...state, error: null };
  for (let start = state.cursorMs; start + plan.periodMs <= untilMs; start += plan.periodMs) {
    const end = start + plan.periodMs;
    const reading = readPeriod(trigger, aligned, start);
    const mark = markOf(trigger, reading, threshold);
    const record: PeriodRecord = {
      startMs: start,
      value: reading.kind === 'missing' ? null : reading.value,
      mark,
    };
    const judged = mark === 'B' || mark === 'P';
    const lastJudged = judged ? [...next.lastJudged, record].slice(-window.of) : next.lastJudged;
    next = {
      ...next,
      cursorMs: end,
      lastJudged,
      judgedCount: next.judgedCount + (judged ? 1 : 0),
      missingCount: next.missingCount + (reading.kind === 'missing' ? 1 : 0),
      lowTrafficCount: next.lowTrafficCount + (reading.kind === 'ineligible' ? 1 : 0),
      recent: [...next.recent, record].slice(-recentMax),
      lastDataMs: reading.kind === 'missing' ? next.lastDataMs : end,
    };
    if (judged && windowBreached(lastJudged, window)) {
      return { ...next, breach: { atPeriodEndMs: end, periods: lastJudged.filter((r) => r.mark === 'B') } };
    }
  }
  return next;
}
