import { describe, expect, it } from 'vitest';
import {
  alignDown,
  alignSeries,
  alignUp,
  completedUntil,
  periodStarts,
} from '../../../lambdas/core/watch/periods';
import { at, MIN } from './timeline';

describe('period alignment', () => {
  it('aligns to multiples of the period since the epoch', () => {
    expect(alignDown(at(3) + 59_999, MIN)).toBe(at(3));
    expect(alignUp(at(3) + 1, MIN)).toBe(at(4));
    expect(alignUp(at(3), MIN)).toBe(at(3));
  });

  it('counts only periods that ended before now minus the ingestion lag', () => {
    // At 10:07:30 with a 2-minute lag, 10:05:30 is the horizon: the 10:05 period is still filling.
    expect(completedUntil(at(7.5), 2 * MIN, MIN)).toBe(at(5));
    expect(periodStarts(at(0), completedUntil(at(7.5), 2 * MIN, MIN), MIN)).toEqual([
      at(0),
      at(1),
      at(2),
      at(3),
      at(4),
    ]);
  });
});

describe('alignSeries', () => {
  it('counts a datapoint repeated at the same timestamp once: the last one wins', () => {
    const points = [
      { timestamp: at(1), value: 6 },
      { timestamp: at(1), value: 7 },
      { timestamp: at(2), value: 1 },
    ];
    const aligned = alignSeries(points, MIN, 'sum', at(0), at(5));
    expect(aligned.values.get(at(1))).toBe(7);
    expect(aligned.duplicates).toBe(1);
  });

  it.each([
    ['sum', 6],
    ['average', 2],
    ['maximum', 3],
    ['minimum', 1],
  ] as const)('combines distinct datapoints within one period by %s', (aggregation, expected) => {
    const points = [1, 2, 3].map((value, i) => ({ timestamp: at(0) + i * 20_000, value }));
    expect(alignSeries(points, MIN, aggregation, at(0), at(1)).values.get(at(0))).toBe(expected);
  });

  it('leaves gaps as gaps and ignores datapoints outside the range', () => {
    const points = [at(-1), at(0), at(3), at(5)].map((timestamp) => ({ timestamp, value: 1 }));
    const aligned = alignSeries(points, MIN, 'sum', at(0), at(5));
    expect([...aligned.values.keys()]).toEqual([at(0), at(3)]);
  });
});
