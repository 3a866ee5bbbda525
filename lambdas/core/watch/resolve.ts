import type { MetricDefinitionSettings, TriggerSettingsInput, WatchSettings } from '../config/watch-schema';
import { ownEntry } from '../own';
import {
  CHECKLIST_MINUTES,
  DEFAULT_METRIC_AGGREGATION,
  DEFAULT_TRIGGERS,
  ERROR_RATE,
  TRIGGER_BASE,
} from './defaults';
import type { Aggregation, BreachWindow, Threshold, TriggerDefinition, TriggerJudge } from './model';
import { metricIdsOfTrigger } from './period-reading';
import type { WatchConfig } from './plan';
import { floorInUnit } from './units';

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

/**
 * A default trigger at the watch's period: the checklist says "for 5 minutes" and "10 a minute", so
 * a window the configuration leaves alone covers those minutes (the fewest whole periods that do)
 * and a per-minute count becomes a count per period. At one-minute periods nothing changes.
 */
function atPeriod(
  base: TriggerDefinition,
  settings: TriggerSettingsInput,
  periodSeconds: number,
): TriggerDefinition {
  const minutes = CHECKLIST_MINUTES[base.id];
  if (minutes === undefined || periodSeconds === 60) return base;
  const notes: string[] = [];
  let scaled = base;
  const { windowMinutes, perMinute } = minutes;
  if (windowMinutes !== undefined && settings.window === undefined) {
    const periods = Math.max(1, Math.ceil((windowMinutes * 60) / periodSeconds));
    scaled = { ...scaled, window: { breaching: periods, of: periods } };
    const covers = periods * periodSeconds > windowMinutes * 60 ? ', the shortest that covers them' : '';
    notes.push(
      `${windowMinutes} minutes: ${periods} period${periods > 1 ? 's' : ''} of ${periodSeconds} s${covers}`,
    );
  }
  if (perMinute !== undefined && settings.threshold === undefined) {
    const value = Number(((perMinute * periodSeconds) / 60).toPrecision(6));
    scaled = { ...scaled, threshold: { kind: 'static', value } };
    notes.push(`more than ${perMinute} a minute: ${value} per ${periodSeconds}-second period`);
  }
  return notes.length === 0 ? scaled : { ...scaled, rule: notes.join('; ') };
}

/** A trigger's definition: its default (if any, at the watch's period) with the configured keys on top. */
function resolveTrigger(
  id: string,
  settings: TriggerSettingsInput,
  periodSeconds: number,
): TriggerDefinition {
  const preset = DEFAULT_TRIGGERS.find((t) => t.id === id);
  const base: TriggerDefinition =
    preset === undefined
      ? {
          ...TRIGGER_BASE,
          id,
          expression: settings.expression ?? '0',
          threshold: { kind: 'static', value: 0 },
        }
      : atPeriod(preset, settings, periodSeconds);
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
 * @param periodSeconds the watch's period, to which the defaults' minutes are scaled.
 */
export function resolveTriggers(
  triggers: Readonly<Record<string, TriggerSettingsInput>>,
  periodSeconds = 60,
): TriggerDefinition[] {
  const ids = [
    ...DEFAULT_TRIGGERS.map((t) => t.id),
    ...Object.keys(triggers).filter((id) => !DEFAULT_TRIGGERS.some((t) => t.id === id)),
  ];
  return ids
    .filter((id) => triggers[id]?.enabled !== false)
    .map((id) => resolveTrigger(id, triggers[id] ?? {}, periodSeconds));
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
      if (ownEntry(settings.metrics, id) === undefined && !unmapped.has(id)) unmapped.set(id, trigger.id);
    }
  }
  return unmapped;
}

/**
 * The default `latency` trigger judges a period only with the error rate's minimum traffic, when the
 * watch reads the request count anyway (mapped, or read by another trigger) and its `eligibility`
 * is not configured: the p99 of 5 requests is their slowest one, and three quiet minutes at the
 * slowest request's latency are no regression. A period without a request count is judged, as it
 * was without the minimum.
 */
function latencyMinimum(
  triggers: readonly TriggerDefinition[],
  settings: Pick<WatchSettings, 'metrics' | 'triggers'>,
): TriggerDefinition[] {
  const minimum = ERROR_RATE.eligibility;
  if (minimum === null || ownEntry(settings.triggers, 'latency')?.eligibility !== undefined) {
    return [...triggers];
  }
  const read =
    ownEntry(settings.metrics, minimum.metric) !== undefined ||
    triggers.some((t) => t.id !== 'latency' && metricIdsOfTrigger(t).includes(minimum.metric));
  // A missing request count leaves latency judged, as before the minimum: it only keeps quiet minutes out.
  const eligibility = { ...minimum, whenMissing: 'judge' as const };
  return triggers.map((t) => (t.id === 'latency' && read ? { ...t, eligibility } : t));
}

/** The watch's resolved settings, ready for `planWatch`. */
export function resolveWatchConfig(settings: WatchSettings): WatchConfig {
  const aggregation: Record<string, Aggregation> = { ...DEFAULT_METRIC_AGGREGATION };
  for (const [id, metric] of Object.entries(settings.metrics)) aggregation[id] = aggregationOf(metric);
  return {
    minutes: settings.minutes,
    periodSeconds: settings.periodSeconds,
    ingestionLagSeconds: settings.ingestionLagSeconds,
    baselineMinutes: settings.baseline.minutes,
    baselineMinCoverage: settings.baseline.minCoverage,
    maxNoDataMinutes: settings.maxNoDataMinutes,
    // The default latency floor is 50 ms in the unit of the latency metric, when Preflight knows it.
    triggers: latencyMinimum(resolveTriggers(settings.triggers, settings.periodSeconds), settings).map(
      (trigger) => floorInUnit(trigger, settings.triggers[trigger.id]?.floor !== undefined, settings.metrics),
    ),
    aggregation,
  };
}
