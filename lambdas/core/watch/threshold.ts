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

/**
 * The parts a period's threshold is made of: `raw` (the static value or k x baseline, what a change
 * of `threshold` scales), the `floor`, and the `worsening` limit of a trigger that already breached
 * before the deployment. Neither the floor nor the worsening limit moves with the threshold.
 */
export interface ThresholdParts {
  readonly raw: number;
  readonly floor: number | null;
  readonly worsening: number | null;
}

/** The parts of a trigger's threshold, or `null` when a relative trigger has no usable baseline. */
export function thresholdParts(trigger: TriggerDefinition, baseline: Baseline): ThresholdParts | null {
  const { threshold } = trigger;
  const raw =
    threshold.kind === 'static'
      ? threshold.value
      : baseline.reference === null
        ? null
        : threshold.multiplier * baseline.reference;
  if (raw === null) return null;
  const worsening = !baseline.alreadyBreaching
    ? null
    : GREATER.has(trigger.comparison)
      ? trigger.worseningFactor * (baseline.p95 ?? 0)
      : (baseline.median ?? 0) / trigger.worseningFactor;
  return { raw, floor: trigger.floor, worsening };
}

/** The threshold the parts make, in the breaching direction: the raw one, never less strict than the floor or the worsening limit. */
export function combineThreshold(comparison: Comparison, parts: ThresholdParts): number {
  const floored = parts.floor === null ? parts.raw : stricter(comparison, parts.raw, parts.floor);
  return parts.worsening === null ? floored : stricter(comparison, floored, parts.worsening);
}

/** The threshold before the baseline's own state is considered: static or k x baseline, then the floor. */
export function baseThreshold(trigger: TriggerDefinition, baseline: Baseline): number | null {
  const parts = thresholdParts(trigger, baseline);
  return parts === null ? null : combineThreshold(trigger.comparison, { ...parts, worsening: null });
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
  const parts = thresholdParts(trigger, baseline);
  return parts === null ? null : combineThreshold(trigger.comparison, parts);
}
