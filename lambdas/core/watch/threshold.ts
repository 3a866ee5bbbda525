import type { Baseline, Comparison, TriggerDefinition } from './model';

const GREATER = new Set<Comparison>(['>', '>=']);

/** Whether `value` breaches `threshold` under `comparison`. */
export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/** The stricter (less alarming) of two thresholds in the breaching direction. */
function stricter(comparison: Comparison, a: number, b: number): number {
  return GREATER.has(comparison) ? Math.max(a, b) : Math.min(a, b);
}

/**
 * The threshold of one period. With `versus`, `k x baseline` is k x the old version's value over the
 * same period (then the floor); otherwise the trigger's effective threshold.
 */
export function periodThreshold(
  trigger: TriggerDefinition,
  effective: number | null,
  reference?: number,
): number | null {
  const { threshold } = trigger;
  if (trigger.versus === null || threshold.kind !== 'baseline') return effective;
  if (reference === undefined) return null;
  const raw = threshold.multiplier * reference;
  return trigger.floor === null ? raw : stricter(trigger.comparison, raw, trigger.floor);
}

/** The threshold before the baseline's own state is considered: static or k x baseline, then the floor. */
export function baseThreshold(trigger: TriggerDefinition, baseline: Baseline): number | null {
  const { threshold } = trigger;
  const raw =
    threshold.kind === 'static'
      ? threshold.value
      : baseline.reference === null
        ? null
        : threshold.multiplier * baseline.reference;
  if (raw === null) return null;
  return trigger.floor === null ? raw : stricter(trigger.comparison, raw, trigger.floor);
}

/**
 * The threshold a watched period is compared with, or `null` when it cannot be known (a relative
 * trigger without a usable baseline). When the trigger already breached before the deployment, a
 * period must also be clearly worse than the baseline: beyond `worseningFactor` x its p95 (for `>`),
 * or below its median / `worseningFactor` (for `<`), so a fix can ship during an incident.
 */
export function effectiveThreshold(trigger: TriggerDefinition, baseline: Baseline): number | null {
  // Against the old version, the threshold is each period's own (`periodThreshold`).
  if (trigger.versus !== null && trigger.threshold.kind === 'baseline') return null;
  const base = baseThreshold(trigger, baseline);
  if (base === null || !baseline.alreadyBreaching) return base;
  const worse = GREATER.has(trigger.comparison)
    ? trigger.worseningFactor * (baseline.p95 ?? 0)
    : (baseline.median ?? 0) / trigger.worseningFactor;
  return stricter(trigger.comparison, base, worse);
}
