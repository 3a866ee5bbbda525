import type { MetricDefinitionSettings, TriggerSettingsInput, WatchSettings } from '../config/watch-schema';
import { DEFAULT_TRIGGERS, TRIGGER_BASE } from './defaults';
import type { Aggregation, BreachWindow, Threshold, TriggerDefinition, TriggerJudge } from './model';
import { metricIdsOfTrigger } from './period-reading';
import type { WatchConfig } from './plan';

function threshold(value: TriggerSettingsInput['threshold']): Threshold | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return { kind: 'static', value };
  return { kind: 'baseline', multiplier: value.baselineMultiplier, statistic: value.statistic };
}

function judge(value: TriggerSettingsInput['judge']): TriggerJudge | null | undefined {
  if (value === undefined) return undefined;
  if (value.rule === 'threshold') return null;
  const { shadow, ...test } = value;
  return { shadow, test };
}

function window(value: TriggerSettingsInput['window']): BreachWindow | undefined {
  if (value === undefined) return undefined;
  return 'consecutive' in value ? { breaching: value.consecutive, of: value.consecutive } : value;
}

/** A trigger's definition: its default (if any) with the configured keys on top. */
function resolveTrigger(id: string, settings: TriggerSettingsInput): TriggerDefinition {
  const base: TriggerDefinition = DEFAULT_TRIGGERS.find((t) => t.id === id) ?? {
    ...TRIGGER_BASE,
    id,
    expression: settings.expression ?? '0',
    threshold: { kind: 'static', value: 0 },
  };
  return {
    ...base,
    ...(settings.description === undefined ? {} : { description: settings.description }),
    ...(settings.expression === undefined ? {} : { expression: settings.expression }),
    ...(settings.comparison === undefined ? {} : { comparison: settings.comparison }),
    threshold: threshold(settings.threshold) ?? base.threshold,
    ...(settings.floor === undefined ? {} : { floor: settings.floor }),
    window: window(settings.window) ?? base.window,
    ...(settings.eligibility === undefined ? {} : { eligibility: settings.eligibility }),
    ...(settings.missingData === undefined ? {} : { missingData: settings.missingData }),
    ...(settings.fillZero === undefined ? {} : { fillZero: settings.fillZero }),
    ...(settings.critical === undefined ? {} : { critical: settings.critical }),
    ...(settings.shadow === undefined ? {} : { shadow: settings.shadow }),
    ...(settings.worseningFactor === undefined ? {} : { worseningFactor: settings.worseningFactor }),
    ...(settings.judge === undefined ? {} : { judge: judge(settings.judge) ?? null }),
    ...(settings.versus === undefined ? {} : { versus: settings.versus }),
  };
}

/**
 * The enabled triggers: the defaults in their order (tuned by the configuration), then the added
 * ones in the configuration's order. A trigger with `enabled: false` is left out.
 */
export function resolveTriggers(
  triggers: Readonly<Record<string, TriggerSettingsInput>>,
): TriggerDefinition[] {
  const ids = [
    ...DEFAULT_TRIGGERS.map((t) => t.id),
    ...Object.keys(triggers).filter((id) => !DEFAULT_TRIGGERS.some((t) => t.id === id)),
  ];
  return ids
    .filter((id) => triggers[id]?.enabled !== false)
    .map((id) => resolveTrigger(id, triggers[id] ?? {}));
}

/** How CloudWatch combined a statistic is how finer datapoints combine into one period. */
function aggregationOf(metric: MetricDefinitionSettings): Aggregation {
  if (!('stat' in metric)) return 'average';
  if (metric.stat === 'Sum' || metric.stat === 'SampleCount') return 'sum';
  if (metric.stat === 'Maximum') return 'maximum';
  if (metric.stat === 'Minimum') return 'minimum';
  // Average, and percentiles, which cannot be recombined exactly: an approximation (docs/watch.md).
  return 'average';
}

/** Metric ids the enabled triggers use that `metrics` does not define, with the first trigger using each. */
export function unmappedMetrics(settings: Pick<WatchSettings, 'metrics' | 'triggers'>): Map<string, string> {
  const unmapped = new Map<string, string>();
  for (const trigger of resolveTriggers(settings.triggers)) {
    for (const id of metricIdsOfTrigger(trigger)) {
      if (settings.metrics[id] === undefined && !unmapped.has(id)) unmapped.set(id, trigger.id);
    }
  }
  return unmapped;
}

/** The watch's resolved settings, ready for `planWatch`. */
export function resolveWatchConfig(settings: WatchSettings): WatchConfig {
  const aggregation: Record<string, Aggregation> = {};
  for (const [id, metric] of Object.entries(settings.metrics)) aggregation[id] = aggregationOf(metric);
  return {
    minutes: settings.minutes,
    periodSeconds: settings.periodSeconds,
    ingestionLagSeconds: settings.ingestionLagSeconds,
    baselineMinutes: settings.baseline.minutes,
    baselineMinCoverage: settings.baseline.minCoverage,
    maxNoDataMinutes: settings.maxNoDataMinutes,
    triggers: resolveTriggers(settings.triggers),
    aggregation,
  };
}
