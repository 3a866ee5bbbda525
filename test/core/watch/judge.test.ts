import { describe, expect, it } from 'vitest';
import { mannWhitneyGreater } from '../../../lambdas/core/watch/mann-whitney';
import type { Datapoint, TriggerDefinition, TriggerJudge } from '../../../lambdas/core/watch/model';
import { replayWatch } from '../../../lambdas/core/watch/replay';
import { at, LATENCY, T0, watchConfig } from './timeline';

/*
 * The statistical judge and canary-against-baseline through the whole watch (replayWatch runs the
 * same steps the state machine runs): 1-minute periods, 2-minute lag, 30-minute watch from T0.
 */

/** A latency history from minute -65 to 45: a little noise around 0.1 s, `bad(m)` where given. */
function latency(
  bad: (minute: number) => number | null = () => null,
  base = (m: number) => 0.1 + 0.002 * (((((m * 7) % 11) + 11) % 11) - 5),
) {
  const points: Datapoint[] = [];
  for (let m = -65; m < 45; m += 1) points.push({ timestamp: at(m), value: bad(m) ?? base(m) });
  return points;
}

const MW: TriggerJudge = {
  shadow: false,
  test: { rule: 'mann-whitney', confidence: 0.999, minEffect: 1.5, samples: 5 },
};
const withJudge = (
  judge: TriggerJudge | null,
  extra: Partial<TriggerDefinition> = {},
): TriggerDefinition => ({
  ...LATENCY,
  floor: null,
  judge,
  ...extra,
});

function replay(trigger: TriggerDefinition, series: Record<string, Datapoint[]>, minutes = 30) {
  return replayWatch({ config: watchConfig([trigger], { minutes }), deployedAtMs: T0, series });
}

const sustained = latency((m) => (m >= 5 ? 0.5 : null));
const burst = latency((m) => (m >= 5 && m < 8 ? 0.5 : null));

describe('Mann-Whitney U, one-sided', () => {
  it.each([
    // All 3 above all 12: the rarest arrangement, 1 in C(15, 3) = 455.
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [13, 14, 15], 36, 1 / 455, 'exact'],
    [[1, 2, 3], [4, 5], 6, 0.1, 'exact'],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [1.5, 2.5, 3.5], 6, 0.9648, 'exact'],
  ])('baseline %j, watched %j: U %d, p %f (%s)', (baseline, watched, u, p, method) => {
    const result = mannWhitneyGreater(baseline, watched);
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 4);
    expect(result.method).toBe(method);
  });

  it('never claims a p-value below one arrangement in C(n, n1), however tied the data', () => {
    // A flat baseline ties every value: the normal approximation alone would say p ~ 1e-4.
    const result = mannWhitneyGreater([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2]);
    expect(result.method).toBe('normal');
    expect(result.pValue).toBeGreaterThanOrEqual(1 / 455);
  });
});

describe('the statistical judge in the watch', () => {
  it('the threshold rule alone rolls back a 3-minute burst; the Mann-Whitney judge overrules it and the watch PROCEEDs', () => {
    expect(replay(withJudge(null), { latency: burst })).toMatchObject({
      decision: 'ROLLBACK',
      triggerId: 'latency',
    });

    const judged = replay(withJudge(MW), { latency: burst });

    expect(judged.decision).toBe('PROCEED');
    const outcome = judged.outcomes[0];
    expect(outcome?.status).toBe('PASS');
    expect(outcome?.vetoes).toBeGreaterThanOrEqual(1);
    expect(outcome?.verdict).toMatchObject({ rule: 'mann-whitney', agrees: false, shadow: false });
    expect(outcome?.reason).toMatch(
      /judge: Mann-Whitney does not agree: p = [\d.e-]+ \(U = [\d.]+, 5 watched vs 60 reference values/,
    );
    expect(outcome?.reason).toMatch(/the judge overruled the threshold rule \d time\(s\)/);
  });

  it('agrees with a sustained regression: ROLLBACK with the statistic, p-value and effect in the evidence', () => {
    const threshold = replay(withJudge(null), { latency: sustained });
    const judged = replay(withJudge(MW), { latency: sustained });

    expect(judged).toMatchObject({ decision: 'ROLLBACK', triggerId: 'latency' });
    // The judge waits for its 5 periods: never earlier than the threshold rule.
    expect(judged.decidedAtMs ?? 0).toBeGreaterThanOrEqual(threshold.decidedAtMs ?? 0);
    const verdict = judged.outcomes[0]?.verdict;
    expect(verdict).toMatchObject({
      rule: 'mann-whitney',
      agrees: true,
      watchedSamples: 5,
      referenceSamples: 60,
    });
    expect(verdict?.pValue).toBeLessThanOrEqual(0.001);
    expect(verdict?.effect).toBeGreaterThanOrEqual(1.5);
    expect(judged.reason).toMatch(
      /latency: 3 of the last 3 judged periods > [\d.]+ \(0\.5, 0\.5, 0\.5\); judge: Mann-Whitney agrees: p = /,
    );
  });

  it('does not agree below the minimum effect, however significant', () => {
    // 1.3 x the baseline every period: significant, but the judge asks for 1.5x.
    const mild = latency((m) => (m >= 0 ? 0.13 : null));
    const trigger = withJudge(MW, { threshold: { kind: 'baseline', multiplier: 1.2, statistic: 'median' } });
    expect(replay({ ...trigger, judge: null }, { latency: mild }).decision).toBe('ROLLBACK');

    const judged = replay(trigger, { latency: mild });

    expect(judged.decision).toBe('PROCEED');
    expect(judged.outcomes[0]?.verdict?.reason).toMatch(/effect 1\.3\d*x below 1\.5x/);
  });

  it('in shadow, records its verdict beside the threshold rule, which alone decides', () => {
    const result = replay(withJudge({ ...MW, shadow: true }), { latency: burst });

    expect(result).toMatchObject({ decision: 'ROLLBACK', triggerId: 'latency' });
    expect(result.outcomes[0]?.verdict).toMatchObject({ shadow: true, agrees: false });
    expect(result.reason).toMatch(/shadow judge: Mann-Whitney/);
  });

  it('a window that held before the judge had its sample waits; a watch too short to test it ends INCONCLUSIVE, never PROCEED', () => {
    const judge: TriggerJudge = { ...MW, test: { ...MW.test, samples: 9 } } as TriggerJudge;
    const early = latency((m) => (m >= 0 ? 0.5 : null));

    const result = replay(withJudge(judge), { latency: early }, 5);

    expect(result.decision).toBe('INCONCLUSIVE');
    expect(result.outcomes[0]?.status).toBe('INCONCLUSIVE');
    expect(result.outcomes[0]?.reason).toMatch(
      /waits for the judge \(Mann-Whitney needs 9 judged periods, had 5\)/,
    );
  });

  it('tests the fall of a "<" trigger (throughput dropping) in the breaching direction', () => {
    const drop = latency((m) => (m >= 0 ? 0.03 : null));
    const trigger = withJudge(MW, {
      comparison: '<',
      threshold: { kind: 'baseline', multiplier: 0.5, statistic: 'median' },
    });

    const result = replay(trigger, { latency: drop });

    expect(result.decision).toBe('ROLLBACK');
    expect(result.outcomes[0]?.verdict).toMatchObject({ agrees: true });
    expect(result.outcomes[0]?.verdict?.effect).toBeGreaterThan(3);
  });

  it('robust deviation: a doubling inside a wide baseline spread is noise; outside a narrow one it agrees', () => {
    const judge: TriggerJudge = { shadow: false, test: { rule: 'robust-deviation', k: 5 } };
    // Baseline alternating 0.05 and 0.15: median 0.1, MAD 0.05, so 5 scaled MADs is 0.1 + 0.37.
    const wide = (m: number) => (m % 2 === 0 ? 0.05 : 0.15);
    const noisy = latency((m) => (m >= 0 ? 0.25 : null), wide);
    const vetoed = replay(withJudge(judge), { latency: noisy });
    expect(replay(withJudge(null), { latency: noisy }).decision).toBe('ROLLBACK');
    expect(vetoed.decision).toBe('PROCEED');
    expect(vetoed.outcomes[0]?.verdict).toMatchObject({ rule: 'robust-deviation', agrees: false });

    const agreed = replay(withJudge(judge), { latency: latency((m) => (m >= 0 ? 0.25 : null)) });
    expect(agreed.decision).toBe('ROLLBACK');
    expect(agreed.outcomes[0]?.verdict?.statistic).toBeGreaterThanOrEqual(5);
  });
});

describe('canary against baseline: the old version over the same periods', () => {
  const VERSUS: TriggerDefinition = {
    ...LATENCY,
    id: 'latency-vs-old',
    floor: null,
    versus: { expression: 'latency_old', eligibility: null, fillZero: [] },
  };
  /** Latency that triples over the watch for both versions (the time of day), times `factor` for the new one. */
  const rush = (factor: number) => ({
    latency: latency((m) => (m >= 0 ? factor * 0.1 * (1 + m / 15) : null)),
    latency_old: latency((m) => (m >= 0 ? 0.1 * (1 + m / 15) : null)),
  });

  it('a rise both versions see is no regression: PROCEED where the rule against the hour before rolls back', () => {
    const series = rush(1);
    expect(replay({ ...VERSUS, versus: null }, { latency: series.latency }).decision).toBe('ROLLBACK');

    const result = replay(VERSUS, series);

    expect(result.decision).toBe('PROCEED');
    expect(result.outcomes[0]?.reason).toMatch(/> 2 x the old version's value/);
  });

  it("rolls back when the new version is twice the old one's over the same periods, with both values as evidence", () => {
    const result = replay(VERSUS, rush(2.5));

    expect(result).toMatchObject({ decision: 'ROLLBACK', triggerId: 'latency-vs-old' });
    expect(result.reason).toMatch(
      /3 of the last 3 judged periods > 2 x the old version's value \(0\.25 vs 0\.1, /,
    );
  });

  it('agrees with a Mann-Whitney judge testing the new values against the old ones of the same periods', () => {
    // 5 new against 5 old values: at best p = 1 / C(10, 5) = 0.004, so a confidence of 0.99.
    const judge: TriggerJudge = { shadow: false, test: { ...MW.test, confidence: 0.99 } } as TriggerJudge;
    const result = replay({ ...VERSUS, judge }, rush(2.5));

    expect(result.decision).toBe('ROLLBACK');
    expect(result.outcomes[0]?.verdict).toMatchObject({
      agrees: true,
      watchedSamples: 5,
      referenceSamples: 5,
    });
  });

  it('does not judge a period where either version has too little traffic', () => {
    const trigger: TriggerDefinition = {
      ...VERSUS,
      eligibility: { metric: 'requests', min: 50 },
      versus: { expression: 'latency_old', eligibility: { metric: 'requests_old', min: 50 }, fillZero: [] },
    };
    const constant = (value: number) => latency(() => value);
    const series = {
      ...rush(2.5),
      requests: constant(1000),
      requests_old: constant(10),
    };

    const result = replay(trigger, series);

    expect(result.decision).toBe('INCONCLUSIVE');
    expect(result.outcomes[0]).toMatchObject({ status: 'INCONCLUSIVE', judgedPeriods: 0 });
    expect(result.outcomes[0]?.recent.every((p) => p.mark === 'L')).toBe(true);
  });
});
