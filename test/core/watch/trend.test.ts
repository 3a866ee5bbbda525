import { describe, expect, it } from 'vitest';
import { ERROR_RATE, LATENCY } from '../../../lambdas/core/watch/defaults';
import { planWatch } from '../../../lambdas/core/watch/plan';
import { performanceTrend } from '../../../lambdas/core/watch/trend';
import { at, perMinute, repeat, traffic, watchConfig } from './timeline';

describe('performanceTrend', () => {
  const plan = planWatch(watchConfig([ERROR_RATE, LATENCY]), at(0));

  it("compares each trigger's median since the deployment with its baseline", () => {
    const { requests, errors } = traffic((m) => (m < 0 ? 5 : 20));
    const latency = [...perMinute(-65, repeat(0.1, 65)), ...perMinute(0, repeat(0.3, 45))];
    const until = at(40);

    const trends = performanceTrend(
      plan,
      { fromMs: at(-60), toMs: until, series: { requests, errors, latency }, errors: {} },
      until,
    );

    expect(trends).toEqual([
      { triggerId: 'error-rate', baselineMedian: 0.005, sinceMedian: 0.02, ratio: 4, periods: 40 },
      {
        triggerId: 'latency',
        baselineMedian: 0.1,
        sinceMedian: 0.3,
        ratio: expect.closeTo(3, 9),
        periods: 40,
      },
    ]);
  });

  it('says nothing it cannot know: no data since the deployment, no ratio', () => {
    const latency = perMinute(-65, repeat(0.1, 65));
    const [, trend] = performanceTrend(
      plan,
      { fromMs: at(-60), toMs: at(40), series: { latency }, errors: {} },
      at(40),
    );
    expect(trend).toEqual({
      triggerId: 'latency',
      baselineMedian: 0.1,
      sinceMedian: null,
      ratio: null,
      periods: 0,
    });
  });
});
