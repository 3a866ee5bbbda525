import { canJudge } from './judge-periods';
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

/** The end of the watch, to tell a trigger whose metrics stopped reporting before it. */
export type WatchEnd = Pick<WatchPlan, 'firstPeriodMs' | 'windowEndMs' | 'periodMs'>;

/**
 * Periods without data at the end of the watch, when they cover the trigger's whole window: its
 * metrics stopped reporting, and the rule could not have held or failed over the watch's last
 * window. `undefined` while the watch goes on, or with data in the last window. A missing-data
 * policy other than `inconclusive` judged those periods itself.
 */
function stoppedNote(trigger: TriggerDefinition, state: TriggerState, end: WatchEnd): string | undefined {
  if (trigger.missingData !== 'inconclusive' || state.cursorMs < end.windowEndMs) return undefined;
  const since = Math.max(state.lastDataMs ?? end.firstPeriodMs, end.firstPeriodMs);
  const periods = Math.round((end.windowEndMs - since) / end.periodMs);
  if (periods < windowOf(trigger).of) return undefined;
  return `no data over the last ${periods} periods of the watch (since ${new Date(since).toISOString()}), its whole window: its metrics stopped reporting, so nothing shows the release healthy at the end`;
}

function status(
  trigger: TriggerDefinition,
  baseline: Baseline,
  state: TriggerState,
  threshold: number | null,
  publishing: string | undefined,
  end: WatchEnd | undefined,
): Pick<TriggerOutcome, 'status' | 'reason'> {
  const needed = windowOf(trigger).of;
  const limit = describeThreshold(trigger, threshold);
  const judged = `${judgeNote(state)}${trigger.rule === undefined ? '' : ` [${trigger.rule}]`}${publishing === undefined ? '' : ` [${publishing}]`}`;
  if (state.breach !== null) {
    const values = state.breach.periods
      .map((p) =>
        typeof p.reference === 'number' ? `${format(p.value)} vs ${format(p.reference)}` : format(p.value),
      )
      .join(', ');
    return {
      status: 'BREACH',
      reason: `${state.breach.periods.length} of the last ${needed} judged periods ${trigger.comparison} ${limit} (${values})${judged}`,
    };
  }
  if (state.error !== null) return { status: 'ERROR', reason: `metrics provider error: ${state.error}` };
  if (threshold === null && !canJudge(trigger, baseline)) {
    return { status: 'INCONCLUSIVE', reason: baseline.unusableReason ?? 'no usable threshold' };
  }
  const verdict = state.verdict ?? null;
  if (verdict !== null && (state.pending ?? null) !== null) {
    // The threshold rule held and the judge could not test it yet: that is no evidence of health.
    return {
      status: 'INCONCLUSIVE',
      reason: `the threshold rule held and waits for the judge (${verdict.reason})`,
    };
  }
  const invalid = state.invalidCount ?? 0;
  if (invalid > 0) {
    return {
      status: 'INCONCLUSIVE',
      reason: `${invalid} period(s) held invalid data, never judged (first: ${state.firstInvalid ?? 'unknown'}): a count, a rate or a latency is never negative, so the metric is published wrong and shows nothing about health`,
    };
  }
  if (state.judgedCount < needed) {
    return {
      status: 'INCONCLUSIVE',
      reason: `${state.judgedCount} of the ${needed} periods it needs could be judged (${state.missingCount} without data, ${state.lowTrafficCount} below the minimum traffic)`,
    };
  }
  const stopped = end === undefined ? undefined : stoppedNote(trigger, state, end);
  if (stopped !== undefined) return { status: 'INCONCLUSIVE', reason: stopped };
  const last = state.lastJudged.at(-1);
  const silent = silentNote(state);
  const quiet = lowTrafficNote(trigger, state);
  return {
    status: 'PASS',
    reason: `${state.judgedCount} periods judged, no breach; last ${format(last?.value ?? null)} against ${trigger.comparison} ${limit}${quiet === undefined ? '' : `; ${quiet}`}${judged}${silent === undefined ? '' : `; ${silent}`}`,
  };
}

/**
 * A zero-filled metric that never reported in the baseline or the watch. Its absence is what a
 * sparse counter looks like when nothing failed (a load balancer publishes no 0 for 5XX), and also
 * what an unpublished metric looks like: the trigger passes, and says it read nothing but zeros.
 */
export function silentNote(state: TriggerState): string | undefined {
  const silent = state.silent ?? [];
  if (silent.length === 0) return undefined;
  return `${silent.join(', ')} reported no datapoint in the baseline or the watch and ${silent.length === 1 ? 'was' : 'were'} read as 0 (fillZero): if ${silent.length === 1 ? 'it is' : 'they are'} not published at all, this trigger watched nothing`;
}

/**
 * The periods a pass did not judge for too little traffic: 1 failure out of 3 requests is no 33% error
 * rate, and a pass over the busy periods alone must say that the quiet ones were not looked at.
 */
function lowTrafficNote(trigger: TriggerDefinition, state: TriggerState): string | undefined {
  if (state.lowTrafficCount === 0) return undefined;
  const minimum =
    trigger.eligibility === null
      ? 'below the minimum traffic'
      : `${trigger.eligibility.metric} below the minimum ${trigger.eligibility.min}`;
  return `${state.lowTrafficCount} period${state.lowTrafficCount === 1 ? '' : 's'} not judged: ${minimum} (too little traffic to judge)`;
}

/** The threshold in words: a number, or k x the old version's value of each period. */
function describeThreshold(trigger: TriggerDefinition, threshold: number | null): string {
  if (trigger.versus !== null && trigger.threshold.kind === 'baseline') {
    const floor = trigger.floor === null ? '' : ` (floor ${format(trigger.floor)})`;
    return `${trigger.threshold.multiplier} x the old version's value${floor}`;
  }
  return format(threshold);
}

/** What the statistical judge said, for the reason. */
function judgeNote(state: TriggerState): string {
  const verdict = state.verdict ?? null;
  if (verdict === null) return '';
  const vetoes = state.vetoes ?? 0;
  const overruled = vetoes > 0 ? `; the judge overruled the threshold rule ${vetoes} time(s)` : '';
  return `; ${verdict.shadow ? 'shadow judge' : 'judge'}: ${verdict.reason}${overruled}`;
}

/**
 * One trigger's outcome with its evidence: values, threshold, baseline and the periods that breached;
 * `publishing` says how metrics published less often than the period were read; with `end`, a
 * trigger whose metrics stopped reporting for its whole last window of the watch is INCONCLUSIVE.
 */
export function triggerOutcome(
  trigger: TriggerDefinition,
  baseline: Baseline,
  state: TriggerState,
  escalated: boolean,
  publishing?: string,
  end?: WatchEnd,
): TriggerOutcome {
  const threshold = effectiveThreshold(trigger, baseline);
  return {
    triggerId: trigger.id,
    ...status(trigger, baseline, state, threshold, publishing, end),
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
    verdict: state.verdict ?? null,
    vetoes: state.vetoes ?? 0,
  };
}
