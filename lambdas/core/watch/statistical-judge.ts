import { mannWhitneyGreater } from './mann-whitney';
import type {
  Baseline,
  BreachWindow,
  JudgeVerdict,
  PeriodRecord,
  TriggerDefinition,
  TriggerJudge,
} from './model';
import { median, medianAbsoluteDeviation } from './stats';

/*
 * The statistical judge: asked only when the threshold rule's window holds, it must agree before the
 * breach counts (or, in shadow, is recorded beside it). The values are turned so that "worse" is
 * always "greater": for `<` and `<=` triggers both samples are negated.
 */

/** MAD x 1.4826 estimates the standard deviation of normal data: k then reads as "k sigmas". */
const MAD_TO_SIGMA = 1.4826;

const round = (value: number) => Number(value.toPrecision(4));

function orient(trigger: TriggerDefinition): (value: number) => number {
  return trigger.comparison === '<' || trigger.comparison === '<=' ? (v) => -v : (v) => v;
}

/** The reference sample: the old version's values over the same periods, else the baseline's. */
function referenceOf(
  trigger: TriggerDefinition,
  baseline: Baseline,
  watched: readonly PeriodRecord[],
): number[] {
  if (trigger.versus !== null) {
    return watched.flatMap((r) => (typeof r.reference === 'number' ? [r.reference] : []));
  }
  return [...(baseline.samples ?? [])];
}

/** Ratio of the watched median to the reference median in the breaching direction; `null` when undefined. */
function effectOf(trigger: TriggerDefinition, reference: readonly number[], watched: readonly number[]) {
  const ref = median(reference) ?? 0;
  const now = median(watched) ?? 0;
  const greater = orient(trigger)(1) > 0;
  const [numerator, denominator] = greater ? [now, ref] : [ref, now];
  return denominator > 0 ? numerator / denominator : null;
}

function mannWhitney(
  trigger: TriggerDefinition,
  judge: TriggerJudge & { test: { rule: 'mann-whitney' } },
  baseline: Baseline,
  lastJudged: readonly PeriodRecord[],
  atPeriodEndMs: number,
): JudgeVerdict {
  const { confidence, minEffect, samples } = judge.test;
  const records = lastJudged.slice(-samples);
  const watched = records.flatMap((r) => (r.value === null ? [] : [r.value]));
  const reference = referenceOf(trigger, baseline, records);
  const base = {
    rule: 'mann-whitney' as const,
    shadow: judge.shadow,
    referenceSamples: reference.length,
    watchedSamples: watched.length,
    atPeriodEndMs,
  };
  if (watched.length < samples || reference.length === 0) {
    return {
      ...base,
      agrees: false,
      enoughSamples: false,
      statistic: 0,
      pValue: null,
      effect: null,
      reason:
        reference.length === 0
          ? 'no reference values to test against'
          : `Mann-Whitney needs ${samples} judged periods, had ${watched.length}`,
    };
  }
  const turn = orient(trigger);
  const test = mannWhitneyGreater(reference.map(turn), watched.map(turn));
  const effect = effectOf(trigger, reference, watched);
  const referenceMedian = median(reference) ?? 0;
  const watchedMedian = median(watched) ?? 0;
  // Without a positive reference median a ratio means nothing: being worse at all then meets it.
  const effectMet = effect === null ? turn(watchedMedian) > turn(referenceMedian) : effect >= minEffect;
  const significant = test.pValue <= 1 - confidence;
  const agrees = significant && effectMet;
  const pText = `p = ${round(test.pValue)} (U = ${test.u}, ${watched.length} watched vs ${reference.length} reference values, ${test.method})`;
  const effectText =
    effect === null ? 'no ratio (reference median not positive)' : `effect ${round(effect)}x`;
  const reason = agrees
    ? `Mann-Whitney agrees: ${pText} at most ${round(1 - confidence)}, ${effectText} at least ${minEffect}x`
    : `Mann-Whitney does not agree: ${pText}${significant ? '' : ` above ${round(1 - confidence)}`}, ${effectText}${effectMet ? '' : ` below ${minEffect}x`}`;
  return {
    ...base,
    agrees,
    enoughSamples: true,
    statistic: test.u,
    pValue: round(test.pValue),
    effect: effect === null ? null : round(effect),
    reason,
  };
}

function robustDeviation(
  trigger: TriggerDefinition,
  judge: TriggerJudge & { test: { rule: 'robust-deviation' } },
  baseline: Baseline,
  lastJudged: readonly PeriodRecord[],
  window: BreachWindow,
  atPeriodEndMs: number,
): JudgeVerdict {
  const { k } = judge.test;
  const tail = lastJudged.slice(-window.of);
  const turn = orient(trigger);
  const reference =
    trigger.versus !== null
      ? referenceOf(trigger, baseline, tail)
      : baseline.median === null
        ? []
        : [baseline.median];
  const center = trigger.versus !== null ? median(reference) : baseline.median;
  const mad = trigger.versus !== null ? medianAbsoluteDeviation(reference) : baseline.mad;
  const base = {
    rule: 'robust-deviation' as const,
    shadow: judge.shadow,
    pValue: null,
    effect: null,
    referenceSamples: trigger.versus !== null ? reference.length : baseline.sampleCount,
    watchedSamples: tail.length,
    atPeriodEndMs,
  };
  if (center === null || mad === null) {
    return {
      ...base,
      agrees: false,
      enoughSamples: false,
      statistic: 0,
      reason: 'no reference median and spread',
    };
  }
  // A flat reference (MAD 0) would make any change infinitely many spreads away: one part in a
  // million of the median (or 1e-9) stands in for it, so the score stays finite in JSON.
  const sigma = Math.max(MAD_TO_SIGMA * mad, Math.abs(center) * 1e-6, 1e-9);
  const scores = tail
    .filter((r) => r.mark === 'B' && r.value !== null)
    .map((r) => (turn(r.value ?? 0) - turn(center)) / sigma)
    .sort((a, b) => b - a);
  // The window needs `breaching` periods: the weakest of the strongest `breaching` must pass.
  const statistic = scores[window.breaching - 1] ?? Number.NEGATIVE_INFINITY;
  const agrees = statistic >= k;
  const shown = Number.isFinite(statistic) ? round(statistic) : 0;
  return {
    ...base,
    agrees,
    enoughSamples: true,
    statistic: shown,
    reason: `${window.breaching} breaching period(s) at least ${shown} scaled MADs beyond the reference median ${round(center)} (MAD ${round(mad)}): ${agrees ? 'agrees' : 'does not agree'}, needs ${k}`,
  };
}

/** The judge's verdict on the window that just held. */
export function judgeVerdict(
  trigger: TriggerDefinition,
  judge: TriggerJudge,
  baseline: Baseline,
  lastJudged: readonly PeriodRecord[],
  window: BreachWindow,
  atPeriodEndMs: number,
): JudgeVerdict {
  if (judge.test.rule === 'mann-whitney') {
    return mannWhitney(trigger, { ...judge, test: judge.test }, baseline, lastJudged, atPeriodEndMs);
  }
  return robustDeviation(
    trigger,
    { ...judge, test: judge.test },
    baseline,
    lastJudged,
    window,
    atPeriodEndMs,
  );
}

/** How many judged periods a trigger keeps: its window's, or the Mann-Whitney judge's sample when larger. */
export function periodsKept(trigger: TriggerDefinition, window: BreachWindow): number {
  const test = trigger.judge?.test;
  return test?.rule === 'mann-whitney' ? Math.max(window.of, test.samples) : window.of;
}
