import { describe, expect, it } from 'vitest';
import { computeBaseline } from '../../../lambdas/core/watch/baseline';
import type { TriggerDefinition } from '../../../lambdas/core/watch/model';
import { alignSeries } from '../../../lambdas/core/watch/periods';
import { planWatch } from '../../../lambdas/core/watch/plan';
import { effectiveThreshold } from '../../../lambdas/core/watch/threshold';
import { at, ERROR_RATE, HEALTH_CHECKS, LATENCY, MIN, perMinute, T0, watchConfig } from './timeline';

function baselineOf(
  trigger: TriggerDefinition,
  series: Record<string, { timestamp: number; value: number }[]>,
) {
  const plan = planWatch(watchConfig([trigger]), T0);
  const aligned = Object.fromEntries(
    Object.entries(series).map(([id, points]) => [
      id,
      alignSeries(points, MIN, 'sum', plan.baselineStartMs, plan.baselineEndMs),
    ]),
  );
  return computeBaseline(trigger, plan, aligned);
}

describe('computeBaseline', () => {
  it('records sample count, median, p95 and the median absolute deviation', () => {
    const values = Array.from({ length: 60 }, (_, i) => (i % 10) + 1); // 1..10, six times
    const baseline = baselineOf(LATENCY, { latency: perMinute(-60, values) });
    expect(baseline).toMatchObject({
      fromMs: at(-60),
      toMs: at(0),
      sampleCount: 60,
      expectedCount: 60,
      median: 5.5,
      mad: 2.5,
      reference: 5.5,
      alreadyBreaching: false,
      unusableReason: null,
    });
    expect(baseline.p95).toBeCloseTo(10);
    expect(effectiveThreshold(LATENCY, baseline)).toBe(11);
  });

  it('uses the p95 as reference when the trigger asks for it', () => {
    const trigger: TriggerDefinition = {
      ...LATENCY,
      threshold: { kind: 'baseline', multiplier: 2, statistic: 'p95' },
    };
    const baseline = baselineOf(trigger, {
      latency: perMinute(
        -60,
        Array.from({ length: 60 }, (_, i) => i),
      ),
    });
    expect(baseline.reference).toBeCloseTo(56.05);
  });

  it('is unusable below the minimum coverage, with the reason', () => {
    const baseline = baselineOf(LATENCY, {
      latency: perMinute(
        -29,
        Array.from({ length: 29 }, () => 0.1),
      ),
    });
    expect(baseline).toMatchObject({ sampleCount: 29, reference: null });
    expect(baseline.unusableReason).toBe('the baseline had 29 of 60 periods with eligible data; it needs 30');
    expect(effectiveThreshold(LATENCY, baseline)).toBeNull();
  });

  it('counts only eligible periods (enough requests)', () => {
    const requests = perMinute(
      -60,
      Array.from({ length: 60 }, (_, i) => (i < 40 ? 10 : 1000)),
    );
    const errors = perMinute(
      -60,
      Array.from({ length: 60 }, () => 5),
    );
    const baseline = baselineOf(ERROR_RATE, { requests, errors });
    expect(baseline).toMatchObject({ sampleCount: 20, unusableReason: expect.stringContaining('20 of 60') });
  });

  it('marks an absolute trigger breaching throughout the baseline as already breaching', () => {
    const baseline = baselineOf(HEALTH_CHECKS, {
      unhealthy_hosts: perMinute(
        -60,
        Array.from({ length: 60 }, () => 1),
      ),
    });
    expect(baseline.alreadyBreaching).toBe(true);
    expect(effectiveThreshold(HEALTH_CHECKS, baseline)).toBe(1.5);
  });

  it('never marks a relative trigger as already breaching its own baseline', () => {
    const baseline = baselineOf(LATENCY, {
      latency: perMinute(
        -60,
        Array.from({ length: 60 }, () => 9),
      ),
    });
    expect(baseline.alreadyBreaching).toBe(false);
  });
});
