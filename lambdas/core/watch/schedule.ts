import type { WatchPlan } from './model';
import { completedUntil } from './periods';

/*
 * When the watch's state machine steps. Each step costs a few history events (wait, task, choice:
 * 9 in all) and Step Functions keeps at most 25,000 per execution, so a watch takes at most
 * MAX_WATCH_STEPS steps: one per period while that fits (any watch of up to 24 hours at 1-minute
 * periods), else one per few periods (the core judges every period that completed since the last step,
 * so nothing is skipped; only the reaction time grows).
 */

/** Steps one execution may take: 9 events each leaves room for retries under the 25,000-event limit. */
export const MAX_WATCH_STEPS = 2000;

/** History events one loop step adds: Wait (2), Lambda task (5), Choice (2). */
export const EVENTS_PER_STEP = 9;

/** Periods between two steps: 1 unless the watch has more periods than {@link MAX_WATCH_STEPS}. */
export function periodsPerStep(plan: WatchPlan): number {
  const periods = Math.ceil((plan.windowEndMs - plan.firstPeriodMs) / plan.periodMs);
  return Math.max(1, Math.ceil(periods / MAX_WATCH_STEPS));
}

/**
 * When the next step should run after a step at `nowMs`: once the next `periodsPerStep` periods are
 * complete (ended, plus the ingestion lag), never before the first watched period is, and no later
 * than the end of the watch. Always after `nowMs`.
 */
export function nextStepAtMs(plan: WatchPlan, nowMs: number): number {
  const span = periodsPerStep(plan) * plan.periodMs;
  const complete = completedUntil(nowMs, plan.ingestionLagMs, plan.periodMs);
  const candidate = Math.max(complete + span, plan.firstPeriodMs + plan.periodMs);
  const end = plan.windowEndMs + plan.ingestionLagMs;
  if (candidate + plan.ingestionLagMs > end && end > nowMs) return end;
  return candidate + plan.ingestionLagMs;
}

/**
 * The time a step judges at: the clock, or the time its wait aimed for if the clock is behind it. In
 * AWS a Wait never ends early, so they agree to the millisecond; a local run skips waits, and the
 * aimed-for time is what moves the watch forward.
 */
export function stepTimeMs(clockMs: number, scheduledMs: number): number {
  return Math.max(clockMs, scheduledMs);
}
