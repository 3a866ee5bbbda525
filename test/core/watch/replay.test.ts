import { describe, expect, it } from 'vitest';
import type {
  Datapoint,
  StepResult,
  TriggerDefinition,
  TriggerOutcome,
} from '../../../lambdas/core/watch/model';
import { type ReplayInput, replayWatch } from '../../../lambdas/core/watch/replay';
import {
  at,
  DB_CONNECTION_ERRORS,
  ERROR_RATE,
  HEALTH_CHECKS,
  LATENCY,
  perMinute,
  repeat,
  T0,
  traffic,
  watchConfig,
} from './timeline';

/*
 * Synthetic timelines through the whole watch (baseline, then one step a minute), with the defaults:
 * 1-minute periods, a 2-minute ingestion lag, a 30-minute watch from T0. A period [m, m+1) is judged
 * at the step at minute m + 3, so a breach whose last period is m is decided at T0 + m + 3.
 */

function replay(
  triggers: readonly TriggerDefinition[],
  series: Record<string, Datapoint[]>,
  extra: Partial<ReplayInput> = {},
) {
  const steps: StepResult[] = [];
  const result = replayWatch({
    config: watchConfig(triggers),
    deployedAtMs: T0,
    series,
    onStep: (step) => steps.push(step),
    ...extra,
  });
  return { ...result, steps };
}

const healthyErrors = traffic(() => 10);
const outcomeOf = (result: { outcomes: readonly TriggerOutcome[] }, id: string) =>
  result.outcomes.find((o) => o.triggerId === id);

describe('replayWatch: error rate (5% for 5 consecutive periods, 50 requests minimum)', () => {
  it('proceeds at the end of the window when every period is healthy', () => {
    const result = replay([ERROR_RATE], healthyErrors);
    expect(result).toMatchObject({ decision: 'PROCEED', decidedAtMs: at(32), triggerId: null });
    expect(outcomeOf(result, 'error-rate')).toMatchObject({
      status: 'PASS',
      judgedPeriods: 30,
      threshold: 0.05,
    });
  });

  it('rolls back on a step change once 5 consecutive periods breached', () => {
    const result = replay(
      [ERROR_RATE],
      traffic((m) => (m >= 10 ? 200 : 10)),
    );
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(17), triggerId: 'error-rate' });
    expect(outcomeOf(result, 'error-rate')?.breachingPeriods.map((p) => p.startMs)).toEqual(
      [10, 11, 12, 13, 14].map(at),
    );
  });

  it('does not roll back for a single spike', () => {
    const result = replay(
      [ERROR_RATE],
      traffic((m) => (m === 12 ? 500 : 10)),
    );
    expect(result.decision).toBe('PROCEED');
  });

  it('does not count flapping B,B,P,B,B as 5 consecutive breaches', () => {
    const flapping = new Map([
      [10, 200],
      [11, 200],
      [12, 10],
      [13, 200],
      [14, 200],
    ]);
    const result = replay(
      [ERROR_RATE],
      traffic((m) => flapping.get(m) ?? 10),
    );
    expect(result.decision).toBe('PROCEED');
  });

  it('rolls back when a full run of 5 follows the flapping', () => {
    const result = replay(
      [ERROR_RATE],
      traffic((m) => (m === 12 ? 10 : m >= 10 && m <= 17 ? 200 : 10)),
    );
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(20) });
  });

  it('skips a gap: missing periods neither count towards the run nor reset it', () => {
    const gap = (m: number) => m === 12 || m === 13;
    const result = replay(
      [ERROR_RATE],
      traffic(
        (m) => (gap(m) ? null : m >= 10 ? 200 : 10),
        (m) => (gap(m) ? null : 1000),
      ),
    );
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(19) });
  });

  it('never judges periods below the minimum traffic: high error ratios on 20 requests are INCONCLUSIVE', () => {
    const result = replay(
      [ERROR_RATE],
      traffic(
        () => 10,
        () => 20,
      ),
    );
    expect(result.decision).toBe('INCONCLUSIVE');
    expect(outcomeOf(result, 'error-rate')).toMatchObject({ status: 'INCONCLUSIVE', judgedPeriods: 0 });
    expect(outcomeOf(result, 'error-rate')?.reason).toMatch(/30 below the minimum traffic/);
    expect(result.escalated).toBe(false);
  });

  it('fills a missing error count with 0 (CloudWatch omits zero counts) once the metric has reported', () => {
    const errors = healthyErrors.errors.filter((p) => p.timestamp < T0);
    const result = replay([ERROR_RATE], { requests: healthyErrors.requests, errors });
    expect(result.decision).toBe('PROCEED');
  });

  it('reads an error count that reported nothing in the baseline or the watch as 0, and says so', () => {
    const result = replay([ERROR_RATE], { requests: healthyErrors.requests, errors: [] });
    expect(result).toMatchObject({ decision: 'PROCEED', escalated: false });
    expect(result.reason).toMatch(
      /; error-rate: errors reported no datapoint in the baseline or the watch and was read as 0 \(fillZero\)/,
    );
    expect(replay([ERROR_RATE], healthyErrors).reason).not.toMatch(/reported no datapoint/);
  });

  it('never treats a missing request count as healthy', () => {
    const result = replay([ERROR_RATE], { requests: [], errors: healthyErrors.errors });
    expect(result.decision).toBe('INCONCLUSIVE');
    expect(result.escalated).toBe(true);
  });

  it('breaches on M of N periods with a breaching/of window', () => {
    const trigger = { ...ERROR_RATE, window: { breaching: 3, of: 5 } };
    const result = replay(
      [trigger],
      traffic((m) => (m === 10 || m === 12 || m === 14 ? 200 : 10)),
    );
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(17) });
  });
});

describe('replayWatch: baseline already breaching', () => {
  it('reports it and does not roll back a release that merely keeps the incident level', () => {
    const result = replay(
      [ERROR_RATE],
      traffic(() => 80),
    );
    expect(result.decision).toBe('PROCEED');
    const outcome = outcomeOf(result, 'error-rate');
    expect(outcome?.baseline).toMatchObject({ alreadyBreaching: true, median: 0.08 });
    expect(outcome?.threshold).toBeCloseTo(0.12);
  });

  it('lets a fix ship during an incident that started just before the deployment', () => {
    // Minutes -7 to -3 are the window's 5 periods: -2 and -1 were still filling at the start.
    const result = replay(
      [ERROR_RATE],
      traffic((m) => (m >= -7 && m < 20 ? 100 : 10)),
    );
    expect(outcomeOf(result, 'error-rate')?.baseline.alreadyBreaching).toBe(true);
    expect(result.decision).toBe('PROCEED');
  });

  it('still rolls back on a clear worsening', () => {
    const result = replay(
      [ERROR_RATE],
      traffic((m) => (m >= 10 ? 200 : 80)),
    );
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(17) });
  });
});

describe('replayWatch: latency (2 x baseline for 3 periods, above a floor)', () => {
  const baseline = (value: number) => perMinute(-60, repeat(value, 60));

  it('rolls back on a ramp once 3 consecutive periods exceed 2 x the baseline median', () => {
    const ramp = perMinute(
      0,
      Array.from({ length: 35 }, (_, m) => 0.1 + 0.012 * m),
    );
    const result = replay([LATENCY], { latency: [...baseline(0.1), ...ramp] });
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(14), triggerId: 'latency' });
    expect(outcomeOf(result, 'latency')?.threshold).toBeCloseTo(0.2);
  });

  it('ignores doubling below the absolute floor (2 x 4 ms is noise)', () => {
    const result = replay([LATENCY], { latency: [...baseline(0.004), ...perMinute(0, repeat(0.009, 35))] });
    expect(result.decision).toBe('PROCEED');
    expect(outcomeOf(result, 'latency')?.threshold).toBe(0.05);
  });

  it('rolls back above the floor', () => {
    const result = replay([LATENCY], { latency: [...baseline(0.004), ...perMinute(5, repeat(0.12, 30))] });
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(10) });
  });

  it('is INCONCLUSIVE, with the reason, without a usable baseline', () => {
    const result = replay([LATENCY], { latency: perMinute(-5, repeat(0.1, 40)) });
    expect(result.decision).toBe('INCONCLUSIVE');
    expect(outcomeOf(result, 'latency')?.reason).toMatch(/baseline had 5 of 60 periods .* needs 30/);
  });
});

describe('replayWatch: critical and shadow triggers', () => {
  it('acts at once on a single breaching period of a critical trigger', () => {
    const result = replay([ERROR_RATE, DB_CONNECTION_ERRORS], {
      ...healthyErrors,
      db_connection_errors: [{ timestamp: at(7), value: 15 }],
    });
    expect(result).toMatchObject({
      decision: 'ROLLBACK',
      decidedAtMs: at(10),
      triggerId: 'db-connection-errors',
    });
  });

  it('does not breach at exactly the threshold (more than 10)', () => {
    const result = replay([DB_CONNECTION_ERRORS], {
      db_connection_errors: [{ timestamp: at(7), value: 10 }],
    });
    expect(result.decision).toBe('PROCEED');
  });

  it('reports a breaching shadow trigger but never rolls back for it', () => {
    const shadow = { ...ERROR_RATE, shadow: true };
    const hosts = perMinute(-60, repeat(0, 100));
    const result = replay([shadow, HEALTH_CHECKS], {
      ...traffic((m) => (m >= 10 ? 200 : 10)),
      unhealthy_hosts: hosts,
    });
    expect(result.decision).toBe('PROCEED');
    expect(outcomeOf(result, 'error-rate')).toMatchObject({ status: 'BREACH', shadow: true });
  });

  it('rolls back on 3 consecutive periods with unhealthy hosts', () => {
    const hosts = [...perMinute(-60, repeat(0, 80)), ...perMinute(20, [1, 2, 1])];
    const result = replay([HEALTH_CHECKS], { unhealthy_hosts: hosts });
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(25), triggerId: 'health-checks' });
  });

  it('is INCONCLUSIVE with no trigger to act on', () => {
    expect(replay([{ ...ERROR_RATE, shadow: true }], healthyErrors).decision).toBe('INCONCLUSIVE');
  });
});

describe('replayWatch: metrics provider errors and missing data', () => {
  it('reports ERROR during an outage, never rolls back for it, and judges the periods once data is back', () => {
    const result = replay([ERROR_RATE], healthyErrors, {
      outages: [{ fromMs: at(8), toMs: at(12), message: 'Throttling: Rate exceeded' }],
    });
    const during = result.steps[8]; // the step at T0 + 9
    expect(during?.outcomes[0]).toMatchObject({ status: 'ERROR' });
    expect(during?.outcomes[0]?.reason).toMatch(/Throttling/);
    expect(during?.decision.kind).toBe('CONTINUE');
    expect(result).toMatchObject({ decision: 'PROCEED', escalated: false });
    expect(outcomeOf(result, 'error-rate')?.judgedPeriods).toBe(30);
  });

  it('escalates once after maxNoDataMinutes without data and ends INCONCLUSIVE, not PROCEED', () => {
    const result = replay([ERROR_RATE], healthyErrors, {
      outages: [{ fromMs: at(5), toMs: at(1000), message: 'AccessDenied' }],
    });
    expect(result.steps.filter((s) => s.escalate)).toHaveLength(1);
    expect(result.steps.findIndex((s) => s.escalate)).toBe(13); // the step at T0 + 14
    expect(result).toMatchObject({ decision: 'INCONCLUSIVE', decidedAtMs: at(32), escalated: true });
    expect(result.reason).toMatch(/no metrics data for more than 10 minutes/);
  });

  it('escalates after a long gap in the data, even if data comes back', () => {
    const gap = (m: number) => m >= 5 && m <= 16;
    const result = replay(
      [ERROR_RATE],
      traffic(
        (m) => (gap(m) ? null : 10),
        (m) => (gap(m) ? null : 1000),
      ),
    );
    expect(result).toMatchObject({ decision: 'INCONCLUSIVE', escalated: true });
  });

  it('proceeds across a short gap', () => {
    const gap = (m: number) => m >= 5 && m <= 7;
    const result = replay(
      [ERROR_RATE],
      traffic(
        (m) => (gap(m) ? null : 10),
        (m) => (gap(m) ? null : 1000),
      ),
    );
    expect(result).toMatchObject({ decision: 'PROCEED', escalated: false });
  });
});

describe('replayWatch: manual abort', () => {
  it('wins when it races the PROCEED at the end of the window', () => {
    const abort = {
      reason: 'user-impact',
      text: 'checkout broken in EU',
      by: null,
      requestedAtMs: at(32),
    } as const;
    const result = replay([ERROR_RATE], healthyErrors, { abort });
    expect(result).toMatchObject({ decision: 'ROLLBACK', decidedAtMs: at(32), triggerId: null });
    expect(result.reason).toBe('manual abort (user-impact): checkout broken in EU');
  });

  it('takes effect within one period', () => {
    const abort = { reason: 'data-corruption', text: '', by: null, requestedAtMs: at(4.5) } as const;
    expect(replay([ERROR_RATE], healthyErrors, { abort })).toMatchObject({
      decision: 'ROLLBACK',
      decidedAtMs: at(5),
    });
  });
});
