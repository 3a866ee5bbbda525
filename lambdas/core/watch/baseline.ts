import {
  type Baseline,
  MAX_BASELINE_SAMPLES,
  type PeriodRecord,
  type TriggerDefinition,
  type WatchPlan,
} from './model';
import { oldVersionOf, readPeriod } from './period-reading';
import { type AlignedSeries, completedUntil, periodStarts } from './periods';
import { median, medianAbsoluteDeviation, quantile } from './stats';
import { baseThreshold, breaches } from './threshold';
import { windowBreached, windowOf } from './window';

/** The window a baseline covers, and the deployment start that ended it when the input gave one. */
function baselineWindow(plan: WatchPlan): Pick<Baseline, 'fromMs' | 'toMs' | 'deploymentStartedAtMs'> {
  return {
    fromMs: plan.baselineStartMs,
    toMs: plan.baselineEndMs,
    ...(plan.deploymentStartedAtMs === undefined
      ? {}
      : { deploymentStartedAtMs: plan.deploymentStartedAtMs }),
  };
}

/** A baseline that cannot be used, with the reason (also for a provider error). */
export function unusableBaseline(
  plan: WatchPlan,
  reason: string,
  expectedCount = 0,
  sampleCount = 0,
): Baseline {
  return {
    ...baselineWindow(plan),
    sampleCount,
    expectedCount,
    median: null,
    p95: null,
    mad: null,
    reference: null,
    alreadyBreaching: false,
    unusableReason: reason,
  };
}

/**
 * Whether a trigger already breaches before the deployment: its baseline median breaches the
 * threshold, or its window rule holds on the last complete baseline periods (an incident that started
 * just before a fix ships; `complete` leaves out the periods still filling at the start). Only triggers with an absolute threshold can tell; a relative trigger is
 * measured against this very baseline.
 */
function alreadyBreaching(
  trigger: TriggerDefinition,
  complete: readonly number[],
  baseline: Baseline,
): boolean {
  if (trigger.threshold.kind !== 'static' || baseline.median === null) return false;
  const threshold = baseThreshold(trigger, baseline);
  if (threshold === null) return false;
  if (breaches(baseline.median, trigger.comparison, threshold)) return true;
  const window = windowOf(trigger);
  const tail: PeriodRecord[] = complete.slice(-window.of).map((value) => ({
    startMs: 0,
    value,
    mark: breaches(value, trigger.comparison, threshold) ? 'B' : 'P',
  }));
  return tail.length >= window.of && windowBreached(tail, window);
}

/**
 * One trigger's baseline from the periods before the deployment: eligible periods with a value
 * only. A trigger compared with the old version (`versus`) records the old version's baseline, as
 * evidence: it does not judge by it. Fewer than `baselineMinCoverage` of the expected periods makes it unusable, which makes a
 * relative trigger INCONCLUSIVE for the whole watch (an absolute one does not need it).
 */
export function computeBaseline(
  trigger: TriggerDefinition,
  plan: WatchPlan,
  aligned: Readonly<Record<string, AlignedSeries>>,
): Baseline {
  const starts = periodStarts(plan.baselineStartMs, plan.baselineEndMs, plan.periodMs);
  const values: number[] = [];
  // Periods CloudWatch was still filling at the start (ended within the ingestion lag) are summed up
  // with the rest, but never judged: a partial count is not a period's count.
  const complete: number[] = [];
  const filling = completedUntil(plan.deployedAtMs, plan.ingestionLagMs, plan.periodMs);
  const side = oldVersionOf(trigger) ?? trigger;
  let invalid = 0;
  for (const start of starts) {
    const reading = readPeriod(side, aligned, start);
    if (reading.kind === 'value') values.push(reading.value);
    if (reading.kind === 'value' && start < filling) complete.push(reading.value);
    if (reading.kind === 'invalid') invalid += 1;
  }
  const needed = Math.max(1, Math.ceil(plan.baselineMinCoverage * starts.length));
  if (values.length < needed) {
    const negative = invalid === 0 ? '' : ` (${invalid} held a negative value, which is invalid data)`;
    return unusableBaseline(
      plan,
      `the baseline had ${values.length} of ${starts.length} periods with eligible data${negative}; it needs ${needed}`,
      starts.length,
      values.length,
    );
  }
  const med = median(values);
  const p95 = quantile(values, 0.95);
  const statistic = trigger.threshold.kind === 'baseline' ? trigger.threshold.statistic : 'median';
  const baseline: Baseline = {
    ...baselineWindow(plan),
    sampleCount: values.length,
    expectedCount: starts.length,
    median: med,
    p95,
    mad: medianAbsoluteDeviation(values),
    reference: statistic === 'p95' ? p95 : med,
    alreadyBreaching: false,
    unusableReason: null,
    // Only a Mann-Whitney judge against the baseline needs the values themselves.
    ...(trigger.judge?.test.rule === 'mann-whitney' && trigger.versus === null
      ? { samples: values.slice(-MAX_BASELINE_SAMPLES) }
      : {}),
  };
  return { ...baseline, alreadyBreaching: alreadyBreaching(trigger, complete, baseline) };
}
