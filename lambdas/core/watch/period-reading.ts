import { evaluateExpression, metricIdsOf } from './expression';
import type { Eligibility, TriggerDefinition } from './model';
import type { AlignedSeries } from './periods';

/** A trigger's value for one period, before it is compared with the threshold. */
export type PeriodReading =
  | { readonly kind: 'value'; readonly value: number; readonly reference?: number }
  | { readonly kind: 'missing'; readonly reason: string }
  /** A metric reported a negative value: published wrong, never judged (see `alignSeries`). */
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'ineligible'; readonly value: number | null; readonly reason: string };

/** One side of a comparison: the new version's (the trigger's) or the old version's (`versus`). */
interface Side {
  readonly expression: string;
  readonly eligibility: Eligibility | null;
  readonly fillZero: readonly string[];
}

function idsOfSide(side: Side): string[] {
  const ids = metricIdsOf(side.expression);
  const minimumOf = side.eligibility?.metric;
  return minimumOf === undefined || ids.includes(minimumOf) ? ids : [...ids, minimumOf];
}

/** Every metric id a trigger needs: its expression's and its eligibility metric, on both sides with `versus`. */
export function metricIdsOfTrigger(trigger: TriggerDefinition): string[] {
  const ids = idsOfSide(trigger);
  return trigger.versus === null ? ids : [...new Set([...ids, ...idsOfSide(trigger.versus)])];
}

/** The metric ids a trigger reads with `fillZero` (absent datapoints mean 0), on both sides with `versus`. */
export function zeroFilledIdsOf(trigger: TriggerDefinition): string[] {
  const own = idsOfSide(trigger).filter((id) => trigger.fillZero.includes(id));
  const old =
    trigger.versus === null
      ? []
      : idsOfSide(trigger.versus).filter((id) => trigger.versus?.fillZero.includes(id));
  return [...new Set([...own, ...old])];
}

/** Whether a metric reported anything for the period starting at `startMs` (a negative value too). */
export function reportedIn(
  aligned: Readonly<Record<string, AlignedSeries>>,
  id: string,
  startMs: number,
): boolean {
  const series = aligned[id];
  return series !== undefined && (series.values.has(startMs) || series.negative.has(startMs));
}

/**
 * Reads one side of one period. A metric listed in `fillZero` counts as 0 when it has no datapoint
 * (the caller only reads periods the provider answered for); any other missing metric, the
 * eligibility metric above all, makes the period missing: a missing request count is never healthy.
 * An eligibility metric with `whenMissing: 'judge'` (and not in the expression) is the exception: the
 * period is judged without its minimum.
 */
function readSide(
  side: Side,
  aligned: Readonly<Record<string, AlignedSeries>>,
  startMs: number,
): PeriodReading {
  const values: Record<string, number | undefined> = {};
  const missing: string[] = [];
  const invalid: string[] = [];
  const expressionIds = metricIdsOf(side.expression);
  const lenientMinimum = side.eligibility?.whenMissing === 'judge' ? side.eligibility.metric : undefined;
  for (const id of idsOfSide(side)) {
    const negative = aligned[id]?.negative.get(startMs);
    if (negative !== undefined) invalid.push(`${id} ${negative}`);
    const value = aligned[id]?.values.get(startMs) ?? (side.fillZero.includes(id) ? 0 : undefined);
    if (value === undefined && !(id === lenientMinimum && !expressionIds.includes(id))) missing.push(id);
    values[id] = value;
  }
  if (invalid.length > 0) return { kind: 'invalid', reason: invalid.join(', ') };
  if (missing.length > 0) return { kind: 'missing', reason: `no data for ${missing.join(', ')}` };
  const value = evaluateExpression(side.expression, values);
  const eligibility = side.eligibility;
  const traffic = eligibility === null ? undefined : values[eligibility.metric];
  if (eligibility !== null && traffic !== undefined && traffic < eligibility.min) {
    return {
      kind: 'ineligible',
      value: value !== undefined && Number.isFinite(value) ? value : null,
      reason: `${eligibility.metric} ${traffic} below the minimum ${eligibility.min}`,
    };
  }
  if (value === undefined || !Number.isFinite(value)) {
    return { kind: 'ineligible', value: null, reason: 'not a number (division by zero)' };
  }
  return { kind: 'value', value };
}

/**
 * Reads one period of a trigger. With `versus`, the old version's value over the same period is
 * read too: the period is missing when either side is, and not judged (too little traffic) when
 * either side is below its minimum.
 */
export function readPeriod(
  trigger: TriggerDefinition,
  aligned: Readonly<Record<string, AlignedSeries>>,
  startMs: number,
): PeriodReading {
  const reading = readSide(trigger, aligned, startMs);
  if (trigger.versus === null) return reading;
  const old = readSide(trigger.versus, aligned, startMs);
  if (reading.kind === 'missing' || reading.kind === 'invalid') return reading;
  if (old.kind === 'missing' || old.kind === 'invalid') {
    return { kind: old.kind, reason: `old version: ${old.reason}` };
  }
  if (reading.kind === 'ineligible') return reading;
  if (old.kind === 'ineligible') {
    return { kind: 'ineligible', value: reading.value, reason: `old version: ${old.reason}` };
  }
  return { kind: 'value', value: reading.value, reference: old.value };
}

/** The old version's side of a `versus` trigger as a trigger of its own (its baseline is evidence only). */
export function oldVersionOf(trigger: TriggerDefinition): TriggerDefinition | null {
  if (trigger.versus === null) return null;
  return { ...trigger, ...trigger.versus, versus: null };
}
