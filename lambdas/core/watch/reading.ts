import { evaluateExpression, metricIdsOf } from './expression';
import type { TriggerDefinition } from './model';
import type { AlignedSeries } from './periods';

/** A trigger's value for one period, before it is compared with the threshold. */
export type PeriodReading =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'ineligible'; readonly value: number | null; readonly reason: string };

/** Every metric id a trigger needs: its expression's and its eligibility metric. */
export function metricIdsOfTrigger(trigger: TriggerDefinition): string[] {
  const ids = metricIdsOf(trigger.expression);
  const gate = trigger.eligibility?.metric;
  return gate === undefined || ids.includes(gate) ? ids : [...ids, gate];
}

/**
 * Reads one period. A metric listed in `fillZero` counts as 0 when it has no datapoint (the
 * caller only reads periods the provider answered for); any other missing metric, the eligibility
 * metric above all, makes the period missing: a missing request count is never healthy.
 */
export function readPeriod(
  trigger: TriggerDefinition,
  aligned: Readonly<Record<string, AlignedSeries>>,
  startMs: number,
): PeriodReading {
  const values: Record<string, number | undefined> = {};
  const missing: string[] = [];
  for (const id of metricIdsOfTrigger(trigger)) {
    const value = aligned[id]?.values.get(startMs) ?? (trigger.fillZero.includes(id) ? 0 : undefined);
    if (value === undefined) missing.push(id);
    values[id] = value;
  }
  if (missing.length > 0) return { kind: 'missing', reason: `no data for ${missing.join(', ')}` };
  const value = evaluateExpression(trigger.expression, values);
  const gate = trigger.eligibility;
  const gateValue = gate === null ? undefined : values[gate.metric];
  if (gate !== null && gateValue !== undefined && gateValue < gate.min) {
    return {
      kind: 'ineligible',
      value: value !== undefined && Number.isFinite(value) ? value : null,
      reason: `${gate.metric} ${gateValue} below the minimum ${gate.min}`,
    };
  }
  if (value === undefined || !Number.isFinite(value)) {
    return { kind: 'ineligible', value: null, reason: 'not a number (division by zero)' };
  }
  return { kind: 'value', value };
}
