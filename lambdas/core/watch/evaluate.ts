import { abortDecision, actingTriggers, decide } from './decide';
import { alignFetch } from './fetch';
import { canJudge, judgeTrigger } from './judge-periods';
import type {
  ManualAbort,
  MetricFetch,
  MetricQuery,
  StepResult,
  TriggerOutcome,
  TriggerState,
  WatchPlan,
  WatchState,
} from './model';
import { metricIdsOfTrigger } from './period-reading';
import { completedUntil } from './periods';
import { noDataTooLong, triggerOutcome } from './trigger-outcome';

/** End of what a step may judge: complete periods, never past the watch window. */
function judgeableUntil(plan: WatchPlan, nowMs: number): number {
  return Math.min(completedUntil(nowMs, plan.ingestionLagMs, plan.periodMs), plan.windowEndMs);
}

/**
 * What to fetch at `nowMs`: from the oldest unjudged period of any trigger still judging to the end
 * of the complete periods (never the newest, still-filling one), for the metrics of those triggers.
 * `null` when there is nothing new to judge (the caller still calls `evaluateStep`, with no fetch).
 */
export function nextQuery(plan: WatchPlan, state: WatchState, nowMs: number): MetricQuery | null {
  if (state.decision !== null) return null;
  const untilMs = judgeableUntil(plan, nowMs);
  const pending = plan.triggers.filter((t) => {
    const s = state.triggers[t.id];
    const baseline = state.baselines[t.id];
    return (
      s !== undefined &&
      baseline !== undefined &&
      s.breach === null &&
      s.cursorMs < untilMs &&
      canJudge(t, baseline)
    );
  });
  if (pending.length === 0) return null;
  const fromMs = Math.min(...pending.map((t) => state.triggers[t.id]?.cursorMs ?? untilMs));
  return { fromMs, toMs: untilMs, metricIds: [...new Set(pending.flatMap(metricIdsOfTrigger))] };
}

function outcomesOf(plan: WatchPlan, state: WatchState, nowMs: number): TriggerOutcome[] {
  return plan.triggers.flatMap((trigger) => {
    const s = state.triggers[trigger.id];
    const baseline = state.baselines[trigger.id];
    if (s === undefined || baseline === undefined) return [];
    const escalated = s.breach === null && canJudge(trigger, baseline) && noDataTooLong(plan, s, nowMs);
    return [triggerOutcome(trigger, baseline, s, escalated)];
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
    const aligned = alignFetch(plan, fetch);
    const untilMs = Math.min(judgeableUntil(plan, nowMs), fetch.toMs);
    for (const trigger of plan.triggers) {
      const s = triggers[trigger.id];
      const baseline = state.baselines[trigger.id];
      if (s === undefined || baseline === undefined) continue;
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
