import { describe, expect, it } from 'vitest';
import { MAX_ABORT_TEXT_BYTES, manualAbort } from '../../../lambdas/core/watch/abort';
import { evaluateStep, nextQuery } from '../../../lambdas/core/watch/evaluate';
import type { MetricFetch, WatchPlan, WatchState } from '../../../lambdas/core/watch/model';
import { planWatch } from '../../../lambdas/core/watch/plan';
import { replayWatch } from '../../../lambdas/core/watch/replay';
import { baselineQuery, recordBaseline } from '../../../lambdas/core/watch/start';
import { at, DB_CONNECTION_ERRORS, ERROR_RATE, LATENCY, MIN, T0, traffic, watchConfig } from './timeline';

const emptyFetch = (fromMs: number, toMs: number): MetricFetch => ({ fromMs, toMs, series: {}, errors: {} });

function started(plan: WatchPlan): WatchState {
  const query = baselineQuery(plan);
  return recordBaseline(plan, emptyFetch(query.fromMs, query.toMs));
}

describe('planWatch and the queries', () => {
  it('puts the baseline before the deployment and the watch after it, the mixed period in neither', () => {
    const plan = planWatch(watchConfig([ERROR_RATE]), T0 + 30_000);
    expect(plan).toMatchObject({
      baselineStartMs: at(-60),
      baselineEndMs: at(0),
      firstPeriodMs: at(1),
      windowEndMs: at(31),
    });
    expect(baselineQuery(plan)).toEqual({ fromMs: at(-60), toMs: at(0), metricIds: ['errors', 'requests'] });
  });

  it.each([
    ['40 minutes before the watch: the hour before it', at(-40) + 30_000, at(-100), at(-40)],
    ['2 minutes after the watch (clock skew): the watch start', at(2.5), at(-60), at(0)],
  ])('ends the baseline at a deployment start %s', (_, deploymentStartedAtMs, from, to) => {
    const plan = planWatch(watchConfig([ERROR_RATE]), T0 + 30_000, deploymentStartedAtMs);
    expect(plan).toMatchObject({ baselineStartMs: from, baselineEndMs: to, firstPeriodMs: at(1) });
  });

  it('asks only for complete periods, from the oldest unjudged one', () => {
    const plan = planWatch(watchConfig([ERROR_RATE, DB_CONNECTION_ERRORS]), T0);
    const state = started(plan);
    expect(nextQuery(plan, state, at(2.9))).toBeNull();
    expect(nextQuery(plan, state, at(7.5))).toEqual({
      fromMs: at(0),
      toMs: at(5),
      metricIds: ['errors', 'requests', 'db_connection_errors'],
    });
    expect(nextQuery(plan, state, at(90))?.toMs).toBe(at(30));
  });
});

describe('evaluateStep', () => {
  it('never judges the newest, still-filling period', () => {
    const plan = planWatch(watchConfig([DB_CONNECTION_ERRORS]), T0);
    const fetch: MetricFetch = {
      fromMs: at(0),
      toMs: at(2),
      series: { db_connection_errors: [{ timestamp: at(1) + 20_000, value: 50 }] },
      errors: {},
    };
    // At T0 + 3.5 min with a 2-minute lag only the period starting at T0 is complete.
    const early = evaluateStep(plan, started(plan), { fetch, nowMs: at(3.5) });
    expect(early.decision.kind).toBe('CONTINUE');
    expect(early.state.triggers['db-connection-errors']?.cursorMs).toBe(at(1));
    const later = evaluateStep(plan, early.state, { fetch, nowMs: at(4) });
    expect(later.decision).toMatchObject({
      kind: 'ROLLBACK',
      triggerId: 'db-connection-errors',
      decidedAtMs: at(4),
    });
  });

  it('keeps a ROLLBACK when the metric recovers at the next steps', () => {
    const plan = planWatch(watchConfig([DB_CONNECTION_ERRORS]), T0);
    const breach: MetricFetch = {
      fromMs: at(0),
      toMs: at(2),
      series: { db_connection_errors: [{ timestamp: at(1), value: 50 }] },
      errors: {},
    };
    const rolledBack = evaluateStep(plan, started(plan), { fetch: breach, nowMs: at(4) });
    const recovered: MetricFetch = {
      fromMs: at(2),
      toMs: at(10),
      series: {
        db_connection_errors: [
          { timestamp: at(2), value: 0 },
          { timestamp: at(3), value: 0 },
        ],
      },
      errors: {},
    };

    const later = evaluateStep(plan, rolledBack.state, { fetch: recovered, nowMs: at(12) });

    expect(later.decision).toEqual(rolledBack.decision);
    expect(later.decision).toMatchObject({ kind: 'ROLLBACK', decidedAtMs: at(4) });
    expect(nextQuery(plan, later.state, at(13))).toBeNull();
  });

  it('does not judge periods the fetch did not cover', () => {
    const plan = planWatch(watchConfig([DB_CONNECTION_ERRORS]), T0);
    const result = evaluateStep(plan, started(plan), { fetch: emptyFetch(at(3), at(5)), nowMs: at(7) });
    expect(result.state.triggers['db-connection-errors']).toMatchObject({ cursorMs: at(0), judgedCount: 0 });
  });

  it('is pure: the same state and input give the same result', () => {
    const plan = planWatch(watchConfig([ERROR_RATE]), T0);
    const state = started(plan);
    const input = { fetch: emptyFetch(at(0), at(5)), nowMs: at(7) };
    expect(evaluateStep(plan, state, input)).toEqual(evaluateStep(plan, state, input));
  });

  it('carries its state as plain JSON: a JSON round trip at every step changes nothing', () => {
    const series = traffic((m) => (m >= 10 ? 200 : 10));
    const config = watchConfig([ERROR_RATE, LATENCY]);
    const expected = replayWatch({ config, deployedAtMs: T0, series });
    const plan: WatchPlan = JSON.parse(JSON.stringify(planWatch(config, T0)));
    const slice = (fromMs: number, toMs: number): MetricFetch => ({
      fromMs,
      toMs,
      series: {
        requests: series.requests.filter((p) => p.timestamp >= fromMs && p.timestamp < toMs),
        errors: series.errors.filter((p) => p.timestamp >= fromMs && p.timestamp < toMs),
      },
      errors: {},
    });
    let state: WatchState = recordBaseline(plan, slice(plan.baselineStartMs, plan.baselineEndMs));
    for (let now = T0 + MIN; ; now += MIN) {
      state = JSON.parse(JSON.stringify(state));
      const query = nextQuery(plan, state, now);
      const result = evaluateStep(plan, state, {
        fetch: query === null ? null : slice(query.fromMs, query.toMs),
        nowMs: now,
      });
      state = result.state;
      if (result.decision.kind !== 'CONTINUE') {
        expect(result.decision).toMatchObject({ kind: expected.decision, decidedAtMs: expected.decidedAtMs });
        break;
      }
    }
    expect(JSON.stringify(state).length).toBeLessThan(8_000);
  });

  it('records the baseline as unusable when the provider failed, naming the error', () => {
    const plan = planWatch(watchConfig([LATENCY]), T0);
    const state = recordBaseline(plan, {
      ...emptyFetch(plan.baselineStartMs, plan.baselineEndMs),
      errors: { latency: 'AccessDenied: cloudwatch:GetMetricData' },
    });
    expect(state.baselines.latency?.unusableReason).toMatch(/provider failed: latency: AccessDenied/);
  });
});

describe('evaluateStep: manual abort', () => {
  const plan = planWatch(watchConfig([DB_CONNECTION_ERRORS]), T0);
  const proceeded = () => {
    // A live counter: one 0 reported during the watch (a counter that never reports proves nothing).
    const live = {
      ...emptyFetch(at(0), at(30)),
      series: { db_connection_errors: [{ timestamp: at(5), value: 0 }] },
    };
    const result = evaluateStep(plan, started(plan), { fetch: live, nowMs: at(32) });
    expect(result.decision).toMatchObject({ kind: 'PROCEED', decidedAtMs: at(32) });
    return result.state;
  };

  it('wins over a PROCEED already recorded when it was requested before that decision', () => {
    const abort = manualAbort(
      'security-vulnerability',
      'CVE in the new image',
      at(31.9),
      'arn:aws:iam::111122223333:user/ana',
    );
    const result = evaluateStep(plan, proceeded(), { fetch: null, nowMs: at(33), abort });
    expect(result.decision).toMatchObject({
      kind: 'ROLLBACK',
      triggerId: null,
      reason: 'manual abort (security-vulnerability)',
      abort: 'security-vulnerability',
    });
    expect(result.state.abort).toEqual(abort);
  });

  it('carries the abort once: the decision names its reason code, the note stays in the state', () => {
    const note = 'n'.repeat(5000);
    const abort = manualAbort('other', note, at(4));

    const result = evaluateStep(plan, started(plan), { fetch: null, nowMs: at(5), abort });

    const text = result.state.abort?.text ?? '';
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(MAX_ABORT_TEXT_BYTES);
    expect(text).toMatch(/n+ \[truncated\]$/);
    const serialized = JSON.stringify({ state: result.state, decision: result.decision });
    expect(serialized.split(text).length - 1).toBe(1);
  });

  it('is too late once the watch has decided', () => {
    const abort = manualAbort('performance', 'slow', at(32.5));
    expect(evaluateStep(plan, proceeded(), { fetch: null, nowMs: at(33), abort }).decision.kind).toBe(
      'PROCEED',
    );
  });

  it('is idempotent: a second abort keeps the first one and its decision', () => {
    const first = manualAbort('critical-functionality', 'login fails', at(5));
    const once = evaluateStep(plan, started(plan), { fetch: null, nowMs: at(5), abort: first });
    const twice = evaluateStep(plan, once.state, {
      fetch: null,
      nowMs: at(6),
      abort: manualAbort('other', 'again', at(6)),
    });
    expect(twice.decision).toEqual(once.decision);
    expect(twice.decision.abort).toBe('critical-functionality');
    expect(twice.state.abort?.text).toBe('login fails');
  });

  it('rejects an unknown reason code and an "other" without text', () => {
    expect(() => manualAbort('bored', 'x', at(1))).toThrow(/unknown abort reason "bored"/);
    expect(() => manualAbort('other', ' ', at(1))).toThrow(/needs a text/);
  });
});
