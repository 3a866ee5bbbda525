import type { Baseline, TriggerDefinition, TriggerOutcome, TriggerState, WatchPlan } from './model';
import { effectiveThreshold } from './threshold';
import { windowOf } from './window';

/** Whether a trigger has had no data for longer than `maxNoDataMs` of complete time at `nowMs`. */
export function noDataTooLong(plan: WatchPlan, state: TriggerState, nowMs: number): boolean {
  const since = state.lastDataMs ?? plan.firstPeriodMs;
  return nowMs - plan.ingestionLagMs - since >= plan.maxNoDataMs;
}

function format(value: number | null): string {
  return value === null ? 'no value' : String(Number(value.toPrecision(6)));
}

function status(
  trigger: TriggerDefinition,
  baseline: Baseline,
  state: TriggerState,
  threshold: number | null,
): Pick<TriggerOutcome, 'status' | 'reason'> {
  const needed = windowOf(trigger).of;
  if (state.breach !== null) {
    const values = state.breach.periods.map((p) => format(p.value)).join(', ');
    return {
      status: 'BREACH',
      reason: `${state.breach.periods.length} of the last ${needed} judged periods ${trigger.comparison} ${format(threshold)} (${values})`,
    };
  }
  if (state.error !== null) return { status: 'ERROR', reason: `metrics provider error: ${state.error}` };
  if (threshold === null) {
    return { status: 'INCONCLUSIVE', reason: baseline.unusableReason ?? 'no usable threshold' };
  }
  if (state.judgedCount < needed) {
    return {
      status: 'INCONCLUSIVE',
      reason: `${state.judgedCount} of the ${needed} periods it needs could be judged (${state.missingCount} without data, ${state.lowTrafficCount} below the minimum traffic)`,
    };
  }
  const last = state.lastJudged.at(-1);
  return {
    status: 'PASS',
    reason: `${state.judgedCount} periods judged, no breach; last ${format(last?.value ?? null)} against ${trigger.comparison} ${format(threshold)}`,
  };
}

/** One trigger's outcome with its evidence: values, threshold, baseline and the periods that breached. */
export function triggerOutcome(
  trigger: TriggerDefinition,
  baseline: Baseline,
  state: TriggerState,
  escalated: boolean,
): TriggerOutcome {
  const threshold = effectiveThreshold(trigger, baseline);
  return {
    triggerId: trigger.id,
    ...status(trigger, baseline, state, threshold),
    critical: trigger.critical,
    shadow: trigger.shadow,
    threshold,
    comparison: trigger.comparison,
    baseline,
    judgedPeriods: state.judgedCount,
    neededPeriods: windowOf(trigger).of,
    recent: state.recent,
    breachingPeriods: state.breach?.periods ?? [],
    escalated,
  };
}
