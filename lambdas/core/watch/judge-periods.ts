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
import { type PeriodReading, readPeriod, reportedIn } from './period-reading';
import type { AlignedSeries } from './periods';
import { judgeVerdict, periodsKept } from './statistical-judge';
import { breaches, effectiveThreshold, periodThreshold } from './threshold';
import { windowBreached, windowOf } from './window';

/** Periods kept as evidence of what the trigger saw lately, whatever their mark. */
const RECENT_MIN = 5;

/**
 * At most this many periods of one step stay in `recent` for the watch's record of its readings: an
 * hour at one-minute periods, a few kilobytes per trigger in the state. A step catching up on more
 * (after a longer outage) leaves a hole the record marks (`G`).
 */
export const STEP_PERIODS_KEPT = 60;

function markOf(trigger: TriggerDefinition, reading: PeriodReading, threshold: number | null): PeriodMark {
  switch (reading.kind) {
    case 'value': {
      const limit = periodThreshold(trigger, threshold, reading.reference);
      return limit !== null && breaches(reading.value, trigger.comparison, limit) ? 'B' : 'P';
    }
    case 'ineligible':
      return 'L';
    case 'invalid':
      // Never judged, whatever the missing-data policy: a value published wrong is not an absence.
      return 'M';
    case 'missing':
      return trigger.missingData === 'breaching' ? 'B' : trigger.missingData === 'notBreaching' ? 'P' : 'M';
  }
}

/**
 * Whether a trigger can judge periods at all: a relative one needs a usable baseline, unless it
 * compares with the old version over the same periods.
 */
export function canJudge(trigger: TriggerDefinition, baseline: Baseline): boolean {
  return versusOldVersion(trigger) || effectiveThreshold(trigger, baseline) !== null;
}

/** A `k x baseline` trigger judged against the old version's value of each period. */
function versusOldVersion(trigger: TriggerDefinition): boolean {
  return trigger.versus !== null && trigger.threshold.kind === 'baseline';
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
  if (!canJudge(trigger, baseline) || state.breach !== null || fetch.fromMs > state.cursorMs) {
    return { ...state, error: null };
  }
  const window = windowOf(trigger);
  const kept = periodsKept(trigger, window);
  let next: TriggerState = { ...state, error: null };
  let judgedNow = 0;
  for (let start = state.cursorMs; start + plan.periodMs <= untilMs; start += plan.periodMs) {
    judgedNow += 1;
    // The periods of this step stay in `recent` until the next step (up to STEP_PERIODS_KEPT): the
    // watch's record of its readings (recorded-readings.ts) appends them all, so a step catching up
    // after an outage leaves no hole that would join periods the watch saw apart.
    const recentMax = Math.max(window.of, RECENT_MIN, Math.min(judgedNow, STEP_PERIODS_KEPT));
    const end = start + plan.periodMs;
    const reading = readPeriod(trigger, aligned, start);
    const mark = markOf(trigger, reading, threshold);
    const record: PeriodRecord = {
      startMs: start,
      value: reading.kind === 'missing' || reading.kind === 'invalid' ? null : reading.value,
      mark,
      ...(trigger.versus === null
        ? {}
        : { reference: reading.kind === 'value' ? (reading.reference ?? null) : null }),
    };
    const judged = mark === 'B' || mark === 'P';
    const lastJudged = judged ? [...next.lastJudged, record].slice(-kept) : next.lastJudged;
    next = {
      ...next,
      cursorMs: end,
      lastJudged,
      judgedCount: next.judgedCount + (judged ? 1 : 0),
      missingCount: next.missingCount + (reading.kind === 'missing' ? 1 : 0),
      lowTrafficCount: next.lowTrafficCount + (reading.kind === 'ineligible' ? 1 : 0),
      recent: [...next.recent, record].slice(-recentMax),
      // Invalid data is data (the metric reports, wrongly): it is said in the decision, not escalated as silence.
      lastDataMs: reading.kind === 'missing' ? next.lastDataMs : end,
      ...(reading.kind === 'invalid'
        ? {
            invalidCount: (next.invalidCount ?? 0) + 1,
            firstInvalid: next.firstInvalid ?? `${reading.reason} at ${new Date(start).toISOString()}`,
          }
        : {}),
      ...((next.silent ?? []).length === 0
        ? {}
        : { silent: (next.silent ?? []).filter((id) => !reportedIn(aligned, id, start)) }),
    };
    const held = judged && windowBreached(lastJudged, window);
    const pending = next.pending ?? null;
    if (!judged || (!held && pending === null)) continue;
    const periods = held ? lastJudged.slice(-window.of).filter((r) => r.mark === 'B') : (pending ?? []);
    const judge = trigger.judge;
    if (judge === null) return { ...next, breach: { atPeriodEndMs: end, periods } };
    const verdict = judgeVerdict(trigger, judge, baseline, lastJudged, window, end);
    if (judge.shadow || verdict.agrees) {
      return { ...next, verdict, pending: null, breach: { atPeriodEndMs: end, periods } };
    }
    next = verdict.enoughSamples
      ? // The deciding judge did not agree: no breach; the next period is judged afresh.
        { ...next, verdict, pending: null, vetoes: (next.vetoes ?? 0) + 1 }
      : // Too few periods to test yet: the held window waits for the judge's sample.
        { ...next, verdict, pending: periods };
  }
  return next;
}
