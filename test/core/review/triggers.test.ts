import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../lambdas/core/history/events';
import { renderReviewMarkdown } from '../../../lambdas/core/review/render';
import { buildQuarterlyReview } from '../../../lambdas/core/review/review';
import { sweepTriggers, unreplayedTriggers, wouldFire } from '../../../lambdas/core/review/triggers';
import type { WatchState } from '../../../lambdas/core/watch/model';
import { appendReadings } from '../../../lambdas/core/watch/recorded-readings';

function watch(id: string, decision: 'PROCEED' | 'ROLLBACK', readings: (number | null)[]): HistoryEvent {
  return {
    kind: 'watch-decided',
    id: `${id}#watch-decided`,
    at: '2026-10-05T10:35:00.000Z',
    service: 'orders',
    environment: 'prod',
    deploymentId: id,
    runId: id,
    decision,
    outcomes: {
      'error-rate': {
        status: decision === 'ROLLBACK' ? 'BREACH' : 'PASS',
        reason: '',
        threshold: 0.05,
        comparison: '>',
        window: { breaching: 5, of: 5 },
        critical: false,
        shadow: false,
        readings,
      },
    },
  };
}

const fives = (v: number) => [v, v, v, v, v, v];

describe('wouldFire', () => {
  const outcome = {
    status: 'PASS',
    reason: '',
    threshold: 0.05,
    comparison: '>',
    window: { breaching: 5, of: 5 },
    critical: false,
    shadow: false,
  } as const;

  it('needs the full window of breaching periods, skipping periods that were not judged', () => {
    expect(wouldFire({ ...outcome, readings: [0.2, 0.2, null, 0.2, 0.2, 0.2] }, 0.05)).toBe(true);
    expect(wouldFire({ ...outcome, readings: [0.2, 0.2, 0.01, 0.2, 0.2] }, 0.05)).toBe(false);
  });

  it('acts on a single period for a critical trigger', () => {
    expect(wouldFire({ ...outcome, critical: true, readings: [0.01, 0.2] }, 0.05)).toBe(true);
  });
});

describe('sweepTriggers', () => {
  it('keeps a threshold that already separates bad releases from healthy ones', () => {
    const [sweep] = sweepTriggers([
      watch('bad', 'ROLLBACK', fives(0.2)),
      watch('ok1', 'PROCEED', fives(0.04)),
      watch('ok2', 'PROCEED', fives(0.03)),
    ]);
    expect(sweep?.rows.map((r) => [r.multiplier, r.caughtBad, r.falseAlarms])).toEqual([
      [0.5, 1, 2],
      [0.75, 1, 1],
      [1, 1, 0],
      [1.25, 1, 0],
      [1.5, 1, 0],
      [2, 1, 0],
    ]);
    expect(sweep?.suggestedMultiplier).toBe(1);
  });

  it('suggests loosening a trigger that rolled back healthy releases', () => {
    const events = [
      watch('bad', 'ROLLBACK', fives(0.2)),
      watch('ok1', 'PROCEED', fives(0.06)),
      watch('ok2', 'PROCEED', fives(0.055)),
    ];
    const [sweep] = sweepTriggers(events);
    expect(sweep?.suggestedMultiplier).toBe(1.25);

    const started = events.map(
      (e): HistoryEvent =>
        ({
          ...e,
          kind: 'watch-started',
          id: `${e.deploymentId}#start`,
          runId: e.deploymentId,
          at: '2026-10-05T10:05:00.000Z',
        }) as HistoryEvent,
    );
    const review = buildQuarterlyReview('2026Q4', [...started, ...events], new Date('2027-01-04T09:00:00Z'));
    expect(review.recommendations).toContain(
      'Trigger error-rate at 1.25x its threshold would have caught 1 of 1 rolled-back release(s) with 0 false rollback(s), against 1 and 2 today.',
    );
    expect(renderReviewMarkdown(review)).toContain(
      '| `error-rate` | 3 (1 rolled back) | 1 / 2 | 1 / 2 | 1 / 2 | 1 / 0 | 1 / 0 | 1 / 0 | 1.25x |',
    );
  });

  it('ignores watches that recorded no readings', () => {
    const old = {
      ...watch('old', 'PROCEED', []),
      outcomes: { 'error-rate': { status: 'PASS', reason: '', threshold: 0.05 } },
    } as HistoryEvent;
    expect(sweepTriggers([old])).toEqual([]);
  });
});

describe('the record of a step that caught up on more periods than it keeps', () => {
  const record = (startMs: number, mark: 'B' | 'P') => ({ startMs, value: mark === 'B' ? 1 : 0, mark });
  const stateWith = (recent: ReturnType<typeof record>[]) =>
    ({ triggers: { hosts: { recent } } }) as unknown as WatchState;

  it('marks the hole (G), and the sweep names the watch instead of joining the periods around it', () => {
    const first = appendReadings(undefined, stateWith([record(0, 'B'), record(60_000, 'B')]), 60_000);
    // The next step judged minutes 2 to 70; the state kept the last 60 of them, from minute 11.
    const kept = Array.from({ length: 60 }, (_, i) => record((11 + i) * 60_000, i === 0 ? 'B' : 'P'));
    const readings = appendReadings(first, stateWith(kept), 60_000);
    expect(readings.hosts?.marks).toBe(`BBGB${'P'.repeat(59)}`);

    const outcome = {
      status: 'PASS',
      reason: '',
      threshold: 0,
      comparison: '>',
      window: { breaching: 3, of: 3 },
      critical: false,
      shadow: false,
      readings: readings.hosts?.values,
      marks: readings.hosts?.marks,
    };
    const event = { ...watch('gap', 'PROCEED', []), outcomes: { hosts: outcome } } as HistoryEvent;
    expect(sweepTriggers([event])).toEqual([]);
    expect(unreplayedTriggers([event])).toEqual([
      {
        triggerId: 'hosts',
        watches: 1,
        reason:
          'a step caught up on more periods than the record keeps (after an outage), and the periods between are not known',
      },
    ]);
  });
});
