import { describe, expect, it } from 'vitest';
import { ERROR_RATE } from '../../../lambdas/core/watch/defaults';
import { planWatch } from '../../../lambdas/core/watch/plan';
import {
  EVENTS_PER_STEP,
  MAX_WATCH_STEPS,
  nextStepAtMs,
  periodsPerStep,
  stepTimeMs,
} from '../../../lambdas/core/watch/schedule';
import { MIN, T0, watchConfig } from './timeline';

const iso = (ms: number) => new Date(ms).toISOString().slice(11, 19);

describe('the watch schedule', () => {
  describe('periodsPerStep', () => {
    it.each([
      [30, 60, 1],
      [24 * 60, 60, 1],
      [24 * 60, 10, 5],
      [6 * 60, 10, 2],
      [24 * 60, 30, 2],
    ])('a %i-minute watch at %i s periods steps every %i period(s)', (minutes, periodSeconds, expected) => {
      const plan = planWatch(watchConfig([ERROR_RATE], { minutes, periodSeconds }), T0);

      expect(periodsPerStep(plan)).toBe(expected);
      const steps = Math.ceil((plan.windowEndMs - plan.firstPeriodMs) / (expected * plan.periodMs));
      expect(steps).toBeLessThanOrEqual(MAX_WATCH_STEPS);
    });

    it('keeps the longest watch well under the 25,000-event history limit', () => {
      expect(MAX_WATCH_STEPS * EVENTS_PER_STEP).toBeLessThanOrEqual(20_000);
    });
  });

  describe('nextStepAtMs (1-minute periods, 2 minutes of ingestion lag)', () => {
    const plan = planWatch(watchConfig([ERROR_RATE], { minutes: 10 }), T0 + 30_000);

    it.each([
      ['at the start: once the first watched period is complete', T0 + 30_000, '10:04:00'],
      ['mid-watch: once the next period is complete', T0 + 5 * MIN, '10:06:00'],
      ['between periods: at the next boundary plus the lag', T0 + 5 * MIN + 20_000, '10:06:00'],
      ['near the end: never past the end of the watch plus the lag', T0 + 12 * MIN + 30_000, '10:13:00'],
      ['after the end (data still missing): one period later', T0 + 13 * MIN, '10:14:00'],
    ])('%s', (_, now, expected) => {
      const next = nextStepAtMs(plan, now);

      expect(iso(next)).toBe(expected);
      expect(next).toBeGreaterThan(now);
    });
  });

  it('judges at the later of the clock and the scheduled time', () => {
    expect(stepTimeMs(T0, T0 + MIN)).toBe(T0 + MIN);
    expect(stepTimeMs(T0 + 2 * MIN, T0 + MIN)).toBe(T0 + 2 * MIN);
  });
});
