import type { Datapoint } from '../../lambdas/core/watch/model';
import { seededRandom } from '../support/random';

/*
 * Regressions injected into real healthy history, from a start time on: a multiplier per datapoint,
 * so each kind keeps the series' own noise and daily cycle.
 */

const MINUTE = 60_000;

export interface RegressionKind {
  readonly id: string;
  readonly label: string;
  /** The multiplier of the datapoint at `t` (regression started at `startMs`); `random` is seeded per deployment. */
  readonly factor: (t: number, startMs: number, random: () => number) => number;
}

const step = (k: number): RegressionKind => ({
  id: `step-x${k}`,
  label: `step ×${k}`,
  factor: (t, start) => (t >= start ? k : 1),
});

export const REGRESSIONS: readonly RegressionKind[] = [
  step(1.5),
  step(2),
  step(3),
  {
    id: 'ramp',
    label: 'ramp ×1→×3 over 30 min',
    factor: (t, start) => (t < start ? 1 : 1 + 2 * Math.min(1, (t - start) / (30 * MINUTE))),
  },
  {
    id: 'error-burst',
    label: 'burst ×5 for 15 min',
    factor: (t, start) => (t >= start && t < start + 15 * MINUTE ? 5 : 1),
  },
  {
    id: 'latency-tail',
    label: 'tail: 40% of periods ×3',
    factor: (t, start, random) => (t >= start && random() < 0.4 ? 3 : 1),
  },
];

/** `points` with the regression applied from `startMs` (seeded: the same deployment gets the same draw). */
export function inject(
  points: readonly Datapoint[],
  kind: RegressionKind,
  startMs: number,
  seed: number,
): Datapoint[] {
  const random = seededRandom(seed);
  return points.map((p) => ({
    timestamp: p.timestamp,
    value: p.value * kind.factor(p.timestamp, startMs, random),
  }));
}

/** Multiplicative noise, lognormal with the given sigma (Box-Muller on the seeded generator). */
export function noisy(points: readonly Datapoint[], sigma: number, seed: number): Datapoint[] {
  const random = seededRandom(seed);
  return points.map((p) => {
    const u = Math.max(random(), 1e-12);
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return { timestamp: p.timestamp, value: p.value * Math.exp(sigma * z) };
  });
}
