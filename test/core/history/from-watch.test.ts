import { describe, expect, it } from 'vitest';
import {
  abortEvent,
  rollbackEvent,
  watchDecidedEvent,
  watchStartedEvent,
} from '../../../lambdas/core/history/from-watch';
import { LATENCY } from '../../../lambdas/core/watch/defaults';
import type { TriggerOutcome, WatchState } from '../../../lambdas/core/watch/model';

const FACTS = { runId: 'd-1', service: 'orders', environment: 'prod', deploymentId: 'd-1' };
const ELSEWHERE = { ...FACTS, account: '111122223333', region: 'eu-west-1' };
const BASELINE = {
  fromMs: 0,
  toMs: 1,
  sampleCount: 60,
  expectedCount: 60,
  median: 0.1,
  p95: 0.2,
  mad: 0.01,
  reference: 0.1,
  alreadyBreaching: false,
  unusableReason: null,
  samples: [0.1, 0.1],
};

describe('the history a watch leaves, built in the core', () => {
  it('watch-started: the baseline summary per trigger (never the judge samples), account and region only when named', () => {
    const state = { baselines: { latency: BASELINE } } as unknown as WatchState;
    const here = watchStartedEvent(FACTS, '2026-11-26T10:00:30.000Z', state);
    expect(here).toEqual({
      ...FACTS,
      kind: 'watch-started',
      id: 'd-1#watch-started',
      at: '2026-11-26T10:00:30.000Z',
      baseline: { latency: { median: 0.1, p95: 0.2, sampleCount: 60, unusableReason: null } },
    });
    expect(watchStartedEvent(ELSEWHERE, 'x', state, '2026-11-26T08:00:00.000Z')).toMatchObject({
      account: '111122223333',
      region: 'eu-west-1',
      commitAt: '2026-11-26T08:00:00.000Z',
    });
  });

  it('abort: dated by the request, who only when known', () => {
    const abort = { reason: 'performance' as const, text: 'slow', by: null, requestedAtMs: 0 };
    expect(abortEvent(FACTS, abort)).toEqual({
      ...FACTS,
      kind: 'abort',
      id: 'd-1#abort',
      at: '1970-01-01T00:00:00.000Z',
      reasonCode: 'performance',
      text: 'slow',
    });
  });

  it('rollback and watch-decided, with the judge verdict kept per trigger', () => {
    expect(
      rollbackEvent(FACTS, 'a', { action: 'codedeploy', succeeded: false, detail: 'denied' }, 'b'),
    ).toEqual({
      ...FACTS,
      kind: 'rollback',
      id: 'd-1#rollback',
      at: 'a',
      action: 'codedeploy',
      succeeded: false,
      completedAt: 'b',
      detail: 'denied',
    });
    const verdict = { rule: 'mann-whitney', agrees: true, pValue: 0.00001 } as TriggerOutcome['verdict'];
    const outcome = {
      triggerId: 'latency',
      status: 'BREACH',
      reason: 'r',
      threshold: 0.2,
      comparison: '>',
      critical: false,
      shadow: false,
      neededPeriods: 3,
      baseline: BASELINE,
      verdict,
    } as unknown as TriggerOutcome;
    const decided = watchDecidedEvent(FACTS, {
      at: 'c',
      decision: 'ROLLBACK',
      trigger: 'latency',
      reason: 'latency: ...',
      outcomes: {
        outcomes: [outcome],
        triggers: [LATENCY],
        readings: { latency: { lastStartMs: 0, values: [0.5] } },
      },
    });
    expect(decided).toMatchObject({
      kind: 'watch-decided',
      id: 'd-1#watch-decided',
      decision: 'ROLLBACK',
      trigger: 'latency',
    });
    expect(decided.outcomes).toEqual({
      latency: expect.objectContaining({ status: 'BREACH', readings: [0.5], verdict }),
    });
    // A failed watch records no trigger and no outcomes.
    expect(
      watchDecidedEvent(FACTS, { at: 'd', decision: 'INCONCLUSIVE', trigger: null, reason: 'failed' }),
    ).toEqual({
      ...FACTS,
      kind: 'watch-decided',
      id: 'd-1#watch-decided',
      at: 'd',
      decision: 'INCONCLUSIVE',
      reason: 'failed',
    });
  });
});
