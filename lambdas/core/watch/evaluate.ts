import { ownEntry } from '../own';
import { abortDecision, actingTriggers, decide } from './decide';
import { alignFetch } from './fetch';
import { canJudge, judgeTrigger } from './judge-periods';
import type {
  ManualAbort,
  MetricFetch,
  MetricQuery,
  PublishingInterval,
  StepResult,
  TriggerDefinition,
  TriggerOutcome,
  TriggerState,
  WatchPlan,
  WatchState,
} from './model';
import { metricIdsOfTrigger, zeroFilledIdsOf } from './period-reading';
import { alignDown, completedUntil } from './periods';
import { coarseHorizon, coarseQueryStart, intervalStart, publishingNote } from './publishing-interval';
import { noDataTooLong, triggerOutcome } from './trigger-outcome';

/**
 * End of what a step may judge of a trigger: complete periods, never past the watch window; for a
 * trigger reading metrics published less often than the period, only whole intervals.
 */
function judgeableUntil(
  plan: WatchPlan,
  state: WatchState,
  trigger: TriggerDefinition,
  nowMs: number,
): number {
  const complete = completedUntil(nowMs, plan.ingestionLagMs, plan.periodMs);
  // An interval that runs past the window's end is judged once it is complete, like any other.
  return Math.min(coarseHorizon(trigger, state.intervals ?? {}, complete, plan.periodMs), plan.windowEndMs);
}

/**
 * What to fetch at `nowMs`: from the oldest unjudged period of any trigger still judging to the end
 * of the complete periods (never the newest, still-filling one), for the metrics of those triggers.
 * `null` when there is nothing new to judge (the caller still calls `evaluateStep`, with no fetch).
 */
export function nextQuery(plan: WatchPlan, state: WatchState, nowMs: number): MetricQuery | null {
  if (state.decision !== null) return null;
  const intervals = state.intervals ?? {};
  const pending = plan.triggers.filter((t) => {
    const s = state.triggers[t.id];
    const baseline = state.baselines[t.id];
    return (
      s !== undefined &&
      baseline !== undefined &&
      s.breach === null &&
      s.cursorMs < judgeableUntil(plan, state, t, nowMs) &&
      canJudge(t, baseline)
    );
  });
  if (pending.length === 0) return null;
  const toMs = Math.max(...pending.map((t) => judgeableUntil(plan, state, t, nowMs)));
  // A trigger reading a coarse metric needs the datapoint of the interval its cursor is in.
  const fromMs = Math.min(
    ...pending.map((t) =>
      coarseQueryStart(t, intervals, state.triggers[t.id]?.cursorMs ?? toMs, plan.periodMs),
    ),
  );
  return { fromMs, toMs, metricIds: [...new Set(pending.flatMap(metricIdsOfTrigger))] };
}

/**
 * How long past the ingestion lag a period is waited for while no metric of the step has a datapoint
 * in it: CloudWatch running late, not a period without data. After that it is judged as it is.
 */
export const LATE_DATA_GRACE_MS = 5 * 60_000;

/**
 * End of the periods the provider has answered for: periods after the last one in which any metric
 * of the fetch has a datapoint have not arrived yet (CloudWatch is late), unless they ended more than
 * `LATE_DATA_GRACE_MS` past the ingestion lag ago. A counter CloudWatch omits when nothing happened
 * (`fillZero`) is never read as 0, nor a period as missing, before the other metrics show it arrived.
 * A fetch of such counters alone holds nothing back.
 */
function arrivedUntil(
  plan: WatchPlan,
  fetch: MetricFetch,
  intervals: Readonly<Record<string, PublishingInterval>>,
  nowMs: number,
): number {
  // Only a metric published in every period can show that a period arrived: with none in the fetch
  // (counters CloudWatch omits when nothing happened), an absence cannot be told from lateness.
  const zeroFilled = new Set(plan.triggers.flatMap(zeroFilledIdsOf));
  if (Object.keys(fetch.series).every((id) => zeroFilled.has(id))) return Number.POSITIVE_INFINITY;
  let arrived = Number.NEGATIVE_INFINITY;
  for (const [id, points] of Object.entries(fetch.series)) {
    const interval = ownEntry(intervals, id);
    for (const { timestamp } of points) {
      if (timestamp < fetch.fromMs || timestamp >= fetch.toMs) continue;
      const start = alignDown(timestamp, plan.periodMs);
      // A datapoint of a metric published less often than the period covers its whole interval.
      const end =
        interval === undefined ? start + plan.periodMs : intervalStart(start, interval) + interval.everyMs;
      if (end > arrived) arrived = end;
    }
  }
  return Math.max(arrived, completedUntil(nowMs, plan.ingestionLagMs + LATE_DATA_GRACE_MS, plan.periodMs));
}

function outcomesOf(plan: WatchPlan, state: WatchState, nowMs: number): TriggerOutcome[] {
  return plan.triggers.flatMap((trigger) => {
    const s = state.triggers[trigger.id];
    const baseline = state.baselines[trigger.id];
    if (s === undefined || baseline === undefined) return [];
    const escalated = s.breach === null && canJudge(trigger, baseline) && noDataTooLong(plan, s, nowMs);
    const publishing = publishingNote(trigger, state.intervals ?? {}, plan);
    return [triggerOutcome(trigger, baseline, s, escalated, publishing, plan)];
  });
}

/** One step's input: the fetch for `nextQuery` (or `null`), the time, and a manual abort if one was requested. */
export interface StepInput {
  readonly fetch: MetricFetch | null;
  readonly nowMs: number;
  readonly abort?: ManualAbort | null;
}

/**
 * One step of the watch: judges the newly complete periods of every trigger, escalates after too
 * long without data, and decides. Pure: the same state and input give the same result, and a state
 * with a final decision keeps it, except that a manual abort requested before that decision was made
 * still wins (the abort raced the end of the watch).
 */
export function evaluateStep(plan: WatchPlan, state: WatchState, input: StepInput): StepResult {
  const { fetch, nowMs } = input;
  const abort = input.abort ?? null;
  if (state.decision !== null) {
    const decided = state.decision;
    const lateAbort =
      abort !== null &&
      decided.kind !== 'ROLLBACK' &&
      decided.decidedAtMs !== null &&
      abort.requestedAtMs <= decided.decidedAtMs;
    const next = lateAbort ? { ...state, abort, decision: abortDecision(abort, nowMs) } : state;
    return {
      state: next,
      decision: next.decision ?? decided,
      outcomes: outcomesOf(plan, next, nowMs),
      escalate: false,
    };
  }

  const triggers: Record<string, TriggerState> = { ...state.triggers };
  if (fetch !== null) {
    const aligned = alignFetch(plan, fetch, state.intervals);
    const arrived = arrivedUntil(plan, fetch, state.intervals ?? {}, nowMs);
    for (const trigger of plan.triggers) {
      const s = triggers[trigger.id];
      const baseline = state.baselines[trigger.id];
      if (s === undefined || baseline === undefined) continue;
      const untilMs = Math.min(judgeableUntil(plan, state, trigger, nowMs), fetch.toMs, arrived);
      triggers[trigger.id] = judgeTrigger(trigger, baseline, s, plan, fetch, aligned, untilMs);
    }
  }
  let next: WatchState = { ...state, triggers, abort: state.abort ?? abort, steps: state.steps + 1 };
  const starving = actingTriggers(plan, next).some((t) => {
    const s = next.triggers[t.id];
    return s !== undefined && s.breach === null && noDataTooLong(plan, s, nowMs);
  });
  const escalate = starving && next.escalatedAtMs === null;
  if (escalate) next = { ...next, escalatedAtMs: nowMs };

  const outcomes = outcomesOf(plan, next, nowMs);
  const decision = decide(plan, next, outcomes, nowMs);
  if (decision.kind !== 'CONTINUE') next = { ...next, decision };
  return { state: next, decision, outcomes, escalate };
}
