import { DEFAULT_TRIGGERS } from '../../lambdas/core/watch/defaults';
import type { Datapoint, MetricQuery, TriggerDefinition } from '../../lambdas/core/watch/model';
import { planWatch } from '../../lambdas/core/watch/plan';
import { replayWatch } from '../../lambdas/core/watch/replay';
import { baselineQuery } from '../../lambdas/core/watch/start';
import { seededRandom } from '../support/random';
import { indexByTime, naiveFirstBreach, watchConfig } from './config';

/*
 * Detection delay: a synthetic healthy service breaks at a known instant; how long until the watch
 * rolls back, per default trigger, against the floor (window x period + one period + ingestion lag),
 * and against the naive newest-datapoint rule. The breach starts at several offsets inside a period,
 * because where it starts decides how much of the first breaching period is bad.
 */

const MINUTE = 60_000;
const DEPLOYED_AT = Date.parse('2026-01-05T12:00:20Z');
/** The breach starts 5 minutes after the first watched period, plus an offset within the period. */
const BREACH_BASE = Date.parse('2026-01-05T12:06:00Z');
export const OFFSETS_SECONDS = [0, 10, 20, 30, 40, 50];

interface Shape {
  /** Healthy and breaching value per metric for one minute; `fraction` of the minute is breaching. */
  readonly minute: (random: () => number, fraction: number) => Record<string, number | null>;
  /** The naive rule's static threshold on the trigger's value. */
  readonly naive: (values: Record<string, number | null>) => boolean;
}

const mix = (fraction: number, healthy: number, bad: number) => (1 - fraction) * healthy + fraction * bad;

const SHAPES: Readonly<Record<string, Shape>> = {
  'error-rate': {
    minute: (r, f) => ({ requests: 1000 * (0.95 + 0.1 * r()), errors: mix(f, 5 * r(), 120) }),
    naive: (v) => v.errors !== null && v.requests !== null && (v.errors ?? 0) / (v.requests ?? 1) > 0.05,
  },
  latency: {
    minute: (r, f) => ({ latency: mix(f, 0.075 + 0.01 * r(), 0.4) }),
    // No baseline: a fixed 0.16 s, twice the service's usual p99 as an operator would pick it.
    naive: (v) => (v.latency ?? 0) > 0.16,
  },
  'health-checks': {
    minute: (_, f) => ({ unhealthy_hosts: f > 0 ? 2 : 0 }),
    naive: (v) => (v.unhealthy_hosts ?? 0) > 0,
  },
  'db-connection-errors': {
    // Published only when something failed (the trigger fills the gaps with 0).
    minute: (_, f) => ({ db_connection_errors: f > 0 ? f * 40 : null }),
    naive: (v) => (v.db_connection_errors ?? 0) > 10,
  },
};

function series(shape: Shape, breachAt: number, seed: number): Record<string, Datapoint[]> {
  const random = seededRandom(seed);
  const out: Record<string, Datapoint[]> = {};
  for (let t = DEPLOYED_AT - 2 * 60 * MINUTE - 20_000; t < DEPLOYED_AT + 60 * MINUTE; t += MINUTE) {
    const fraction = Math.min(1, Math.max(0, (t + MINUTE - breachAt) / MINUTE));
    for (const [id, value] of Object.entries(shape.minute(random, fraction))) {
      if (value === null) continue;
      out[id] = [...(out[id] ?? []), { timestamp: t, value }];
    }
  }
  return out;
}

export interface DelayRow {
  readonly triggerId: string;
  readonly floorSeconds: number;
  /** Delay per offset, seconds; null when the watch did not roll back for this trigger. */
  readonly oursSeconds: readonly (number | null)[];
  readonly naiveSeconds: readonly (number | null)[];
}

function naiveDelay(shape: Shape, data: Record<string, Datapoint[]>, breachAt: number): number | null {
  const config = watchConfig([]);
  const periodMs = config.periodSeconds * 1000;
  const indexes = Object.fromEntries(Object.entries(data).map(([id, points]) => [id, indexByTime(points)]));
  const at = naiveFirstBreach({
    value: (start) => {
      const values = Object.fromEntries(
        Object.keys(indexes).map((id) => [id, indexes[id]?.get(start) ?? null]),
      );
      return shape.naive(values) ? 1 : 0;
    },
    breaches: (v) => v > 0,
    firstStepMs: DEPLOYED_AT + periodMs,
    lastStepMs: DEPLOYED_AT + 60 * MINUTE,
    periodMs,
    lagMs: config.ingestionLagSeconds * 1000,
  });
  return at === null ? null : (at - breachAt) / 1000;
}

function oursDelay(
  trigger: TriggerDefinition,
  data: Record<string, Datapoint[]>,
  breachAt: number,
): number | null {
  const result = replayWatch({ config: watchConfig([trigger]), deployedAtMs: DEPLOYED_AT, series: data });
  if (result.decision !== 'ROLLBACK' || result.decidedAtMs === null) return null;
  return (result.decidedAtMs - breachAt) / 1000;
}

/** Delay of every default trigger at every offset, ours and naive. */
export function detectionDelays(): DelayRow[] {
  const config = watchConfig([]);
  return DEFAULT_TRIGGERS.map((trigger, index) => {
    const shape = SHAPES[trigger.id];
    if (shape === undefined) throw new Error(`no synthetic shape for trigger ${trigger.id}`);
    const ours: (number | null)[] = [];
    const naive: (number | null)[] = [];
    for (const offset of OFFSETS_SECONDS) {
      const breachAt = BREACH_BASE + offset * 1000;
      const data = series(shape, breachAt, 100 + index);
      ours.push(oursDelay(trigger, data, breachAt));
      naive.push(naiveDelay(shape, data, breachAt));
    }
    const windowPeriods = trigger.critical ? 1 : trigger.window.of;
    return {
      triggerId: trigger.id,
      floorSeconds: windowPeriods * config.periodSeconds + config.periodSeconds + config.ingestionLagSeconds,
      oursSeconds: ours,
      naiveSeconds: naive,
    };
  });
}

/** GetMetricData calls and metrics requested during one watched hour with the default triggers (healthy). */
export function metricQueriesPerHour(): { calls: number; metrics: number; steps: number } {
  const data: Record<string, Datapoint[]> = {};
  for (const [index, trigger] of DEFAULT_TRIGGERS.entries()) {
    const shape = SHAPES[trigger.id];
    if (shape === undefined) continue;
    Object.assign(data, series(shape, Number.POSITIVE_INFINITY, 200 + index));
  }
  const config = watchConfig(DEFAULT_TRIGGERS, { minutes: 60 });
  let calls = 1; // the baseline query, recorded once at the start
  let metrics = baselineQuery(planWatch(config, DEPLOYED_AT)).metricIds.length;
  let steps = 0;
  replayWatch({
    config,
    deployedAtMs: DEPLOYED_AT,
    series: data,
    onStep: (_step, query: MetricQuery | null) => {
      steps += 1;
      if (query === null) return;
      calls += 1;
      metrics += query.metricIds.length;
    },
  });
  return { calls, metrics, steps };
}
