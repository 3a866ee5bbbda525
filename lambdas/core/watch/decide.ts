import { canJudge } from './judge-periods';
import type {
  ManualAbort,
  TriggerDefinition,
  TriggerOutcome,
  WatchDecision,
  WatchPlan,
  WatchState,
} from './model';
import { completedUntil } from './periods';
import { silentNote } from './trigger-outcome';

function final(kind: 'PROCEED' | 'INCONCLUSIVE', reason: string, nowMs: number): WatchDecision {
  return { kind, triggerId: null, reason, decidedAtMs: nowMs, abort: null };
}

/**
 * Which triggers starve, and what that suggests to the on-call reader: data in the baseline and none
 * since the deployment is the mark of metrics that moved to new dimensions (a new target group, a
 * new alias or version), which the watch does not read; none in the baseline either is a metric
 * that does not exist, or that Preflight may not read.
 */
function starvingText(outcomes: readonly TriggerOutcome[]): string {
  const starving = outcomes.filter((o) => o.escalated);
  const before = starving.filter((o) => o.baseline.sampleCount > 0).map((o) => o.triggerId);
  const never = starving.filter((o) => o.baseline.sampleCount === 0).map((o) => o.triggerId);
  const parts = [
    ...(before.length === 0
      ? []
      : [
          `${before.join(', ')} had data in the baseline and none since the deployment (metrics moved to new dimensions, such as a new target group, alias or version, are not the ones watch.metrics names)`,
        ]),
    ...(never.length === 0
      ? []
      : [
          `${never.join(', ')} had no data in the baseline either (check that the metrics exist and that Preflight may read them)`,
        ]),
  ];
  return parts.length === 0 ? '' : `: ${parts.join('; ')}`;
}

/**
 * ROLLBACK for a manual abort: it wins over anything the triggers say. The decision names only the
 * reason code; the abort (who, when, the note) stays in the state, carried once.
 */
export function abortDecision(abort: ManualAbort, nowMs: number): WatchDecision {
  return {
    kind: 'ROLLBACK',
    triggerId: null,
    reason: `manual abort (${abort.reason})`,
    decidedAtMs: nowMs,
    abort: abort.reason,
  };
}

/** Triggers that act on the decision: not shadow, and able to judge (a relative one needs its baseline). */
export function actingTriggers(plan: WatchPlan, state: WatchState): TriggerDefinition[] {
  return plan.triggers.filter((t) => {
    const baseline = state.baselines[t.id];
    return !t.shadow && baseline !== undefined && canJudge(t, baseline);
  });
}

/**
 * The decision after a step. A manual abort wins; then the earliest breach of a non-shadow trigger
 * (a critical one first on a tie) rolls back at once. Once every watched period is complete and
 * judged (or the watch escalated for lack of data), the watch ends: PROCEED only when every
 * non-shadow trigger PASSed and the watch never escalated, INCONCLUSIVE otherwise. No data is
 * never a pass.
 */
export function decide(
  plan: WatchPlan,
  state: WatchState,
  outcomes: readonly TriggerOutcome[],
  nowMs: number,
): WatchDecision {
  if (state.abort !== null) return abortDecision(state.abort, nowMs);
  const breached = plan.triggers
    .map((trigger, index) => ({ trigger, index, breach: state.triggers[trigger.id]?.breach ?? null }))
    .filter((b) => !b.trigger.shadow && b.breach !== null)
    .sort(
      (a, b) =>
        (a.breach?.atPeriodEndMs ?? 0) - (b.breach?.atPeriodEndMs ?? 0) ||
        Number(b.trigger.critical) - Number(a.trigger.critical) ||
        a.index - b.index,
    );
  const first = breached[0];
  if (first !== undefined) {
    const outcome = outcomes.find((o) => o.triggerId === first.trigger.id);
    return {
      kind: 'ROLLBACK',
      triggerId: first.trigger.id,
      reason: `${first.trigger.id}${first.trigger.critical ? ' (critical)' : ''}: ${outcome?.reason ?? 'breached'}`,
      decidedAtMs: nowMs,
      abort: null,
    };
  }
  const windowComplete = completedUntil(nowMs, plan.ingestionLagMs, plan.periodMs) >= plan.windowEndMs;
  const caughtUp = actingTriggers(plan, state).every(
    (t) => (state.triggers[t.id]?.cursorMs ?? 0) >= plan.windowEndMs,
  );
  if (!windowComplete || (!caughtUp && state.escalatedAtMs === null)) {
    return { kind: 'CONTINUE', triggerId: null, reason: 'watching', decidedAtMs: null, abort: null };
  }
  if (state.escalatedAtMs !== null) {
    return final(
      'INCONCLUSIVE',
      `no metrics data for more than ${plan.maxNoDataMs / 60_000} minutes during the watch (escalated)${starvingText(outcomes)}`,
      nowMs,
    );
  }
  const judging = outcomes.filter((o) => !o.shadow);
  if (judging.length === 0) return final('INCONCLUSIVE', 'no enabled, non-shadow trigger to judge', nowMs);
  const open = judging.filter((o) => o.status !== 'PASS');
  if (open.length > 0) {
    return final(
      'INCONCLUSIVE',
      open.map((o) => `${o.triggerId} ${o.status}: ${o.reason}`).join('; '),
      nowMs,
    );
  }
  const silent = judging.flatMap((o) => {
    const trigger = state.triggers[o.triggerId];
    const note = trigger === undefined ? undefined : silentNote(trigger);
    return note === undefined ? [] : [`${o.triggerId}: ${note}`];
  });
  return final(
    'PROCEED',
    `every trigger passed over the ${(plan.windowEndMs - plan.firstPeriodMs) / 60_000}-minute watch${silent.map((note) => `; ${note}`).join('')}`,
    nowMs,
  );
}
