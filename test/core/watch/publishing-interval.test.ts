import { describe, expect, it } from 'vitest';
import type { Datapoint } from '../../../lambdas/core/watch/model';
import { alignSeries } from '../../../lambdas/core/watch/periods';
import { publishingInterval, spreadSeries } from '../../../lambdas/core/watch/publishing-interval';

const MIN = 60_000;
const T0 = Date.parse('2026-11-26T09:00:00Z');
const at = (minutes: readonly number[], value = 1): Datapoint[] =>
  minutes.map((m) => ({ timestamp: T0 + m * MIN, value }));

describe('publishingInterval', () => {
  it.each([
    ['every 5 minutes', [0, 5, 10, 15, 20, 25, 30], { everyMs: 5 * MIN, phaseMs: 0 }],
    ['every 5 minutes, at :02, :07, ...', [2, 7, 12, 17, 22, 27], { everyMs: 5 * MIN, phaseMs: 2 * MIN }],
    ['every 5 minutes with missing ones', [0, 5, 15, 20, 35, 40, 55], { everyMs: 5 * MIN, phaseMs: 0 }],
    ['every minute', [0, 1, 2, 3, 4, 5, 6, 7], null],
    // A counter published only in minutes when something failed: its gaps share no interval.
    ['a sparse one-minute counter', [0, 5, 10, 17, 25, 30, 40], null],
    ['too few datapoints to tell', [0, 5, 10, 15, 20], null],
  ])('%s', (_, minutes, expected) => {
    expect(publishingInterval(at(minutes), MIN)).toEqual(expected);
  });

  it('is null when the interval is not a whole number of periods', () => {
    expect(publishingInterval(at([0, 1.5, 3, 4.5, 6, 7.5, 9].map((m) => m)), MIN)).toBeNull();
  });
});

describe('spreadSeries', () => {
  const interval = { everyMs: 5 * MIN, phaseMs: 0 };
  const aligned = (points: Datapoint[]) => alignSeries(points, MIN, 'sum', T0, T0 + 15 * MIN);

  it('divides a count among the periods its interval covers', () => {
    const spread = spreadSeries(aligned(at([0, 5], 55)), interval, MIN, 'sum', T0 + 15 * MIN);
    expect([...spread.values.values()]).toEqual([11, 11, 11, 11, 11, 11, 11, 11, 11, 11]);
  });

  it('repeats any other statistic', () => {
    const spread = spreadSeries(aligned(at([10], 0.4)), interval, MIN, 'average', T0 + 15 * MIN);
    expect([...spread.values.entries()].map(([t, v]) => [(t - T0) / MIN, v])).toEqual([
      [10, 0.4],
      [11, 0.4],
      [12, 0.4],
      [13, 0.4],
      [14, 0.4],
    ]);
  });

  it('leaves an interval holding two datapoints as it came: the metric now publishes every period', () => {
    const spread = spreadSeries(aligned(at([5, 6], 55)), interval, MIN, 'sum', T0 + 15 * MIN);
    expect([...spread.values.entries()].map(([t, v]) => [(t - T0) / MIN, v])).toEqual([
      [5, 55],
      [6, 55],
    ]);
  });

  it('never fills past the end of the fetch', () => {
    const spread = spreadSeries(aligned(at([10], 55)), interval, MIN, 'sum', T0 + 12 * MIN);
    expect([...spread.values.keys()].map((t) => (t - T0) / MIN)).toEqual([10, 11]);
  });
});
