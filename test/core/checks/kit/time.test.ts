import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  elapsedDays,
  elapsedHours,
  elapsedMinutes,
  hoursBefore,
  minutesBefore,
  newestFirst,
  tenths,
  wholeDays,
} from '../../../../lambdas/core/checks/kit/time';

const NOW = new Date('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the checks time module', () => {
  it('measures elapsed time exactly, negative for a time after now', () => {
    expect(elapsedDays(ago(1.96 * DAY), NOW)).toBeCloseTo(1.96, 10);
    expect(elapsedHours(ago(90 * 60_000), NOW)).toBe(1.5);
    expect(elapsedMinutes(ago(15 * 60_000 + 30_000), NOW)).toBe(15.5);
    expect(elapsedDays(new Date(NOW.getTime() + DAY / 2), NOW)).toBe(-0.5);
  });

  // One elapsed value, two named roundings: ages shown to a tenth round half up; day counts that
  // thresholds judge round down, so "1.96 days" is shown as 2 but counted as 1 whole day.
  it.each([
    [1.96, 2, 1],
    [1.94, 1.9, 1],
    [0.05, 0.1, 0],
    [6.999, 7, 6],
    [90, 90, 90],
    [-0.2, -0.2, -1],
  ])('%s days: %s to a tenth, %s whole days', (days, shown, counted) => {
    const elapsed = elapsedDays(ago(days * DAY), NOW);
    expect(tenths(elapsed)).toBe(shown);
    expect(wholeDays(elapsed)).toBe(counted);
  });

  it('steps back from now by minutes, hours and days', () => {
    expect(minutesBefore(NOW, 15).toISOString()).toBe('2026-03-10T11:45:00.000Z');
    expect(hoursBefore(NOW, 24).toISOString()).toBe('2026-03-09T12:00:00.000Z');
    expect(daysBefore(NOW, 30).toISOString()).toBe('2026-02-08T12:00:00.000Z');
  });

  it('sorts newest first and puts undated items last', () => {
    const items = [{ at: ago(DAY) }, { at: undefined }, { at: ago(HOUR) }];
    expect(newestFirst(items, (item) => item.at).map((item) => item.at)).toEqual([
      ago(HOUR),
      ago(DAY),
      undefined,
    ]);
  });
});
