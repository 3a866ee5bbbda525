import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseMetricCsv, parseTimestamp } from '../../lambdas/core/watch/csv';
import { LATENCY } from '../../lambdas/core/watch/defaults';
import type { Datapoint, FinalDecisionKind, TriggerDefinition } from '../../lambdas/core/watch/model';
import { replayWatch } from '../../lambdas/core/watch/replay';
import { indexByTime, naiveFirstBreach, watchConfig } from './config';

/*
 * False rollbacks over healthy history: deployments replayed at many times across the 17 real
 * CloudWatch series of the Numenta Anomaly Benchmark, each one outside the series' labelled anomaly
 * windows (baseline, watch and lag included), so any ROLLBACK is a false one.
 *
 * Mapping: NAB holds CPU, network, disk and request-count series, no error or health-check series. Each
 * series is watched as the `latency` default trigger's rule (value > 2 x baseline median for 3
 * consecutive periods): a relative rule that fits any unit. The 0.05 floor is for seconds and would
 * mean nothing for bytes or percent, so it is removed (no floor: a pessimistic setting for ours).
 * Period 300 s (the data's step), ingestion lag 0 (history is complete), watch 60 min, baseline 60 min.
 *
 * Naive: newest datapoint > a static threshold of 2 x the series' median over its whole history
 * (a number an operator would pick knowing the history; no window, no baseline).
 */

const DATA_DIR = path.resolve(__dirname, '..', '..', 'data', 'nab-realAWSCloudwatch');
const LABELS = 'realAWSCloudwatch_labels_subset.json';
const MINUTE = 60_000;
/** One deployment every 2 hours of history. */
const SPACING_MS = 120 * MINUTE;

const TRIGGER: TriggerDefinition = { ...LATENCY, id: 'relative', floor: null };
const CONFIG = watchConfig([TRIGGER], {
  minutes: 60,
  periodSeconds: 300,
  ingestionLagSeconds: 0,
  baselineMinutes: 60,
  maxNoDataMinutes: 30,
  aggregation: { latency: 'average' },
});

export interface SeriesResult {
  readonly file: string;
  readonly deployments: number;
  readonly ours: Readonly<Record<FinalDecisionKind, number>>;
  readonly naiveRollbacks: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function windowsOf(file: string): [number, number][] {
  const labels = JSON.parse(readFileSync(path.join(DATA_DIR, LABELS), 'utf8')) as {
    windows: Record<string, [string, string][]>;
  };
  return (labels.windows[`realAWSCloudwatch/${file}`] ?? []).map(([from, to]) => [
    parseTimestamp(from) ?? 0,
    parseTimestamp(to) ?? 0,
  ]);
}

function replaySeries(file: string): SeriesResult {
  const points: Datapoint[] = parseMetricCsv(readFileSync(path.join(DATA_DIR, file), 'utf8'), file);
  const windows = windowsOf(file);
  const first = points[0]?.timestamp ?? 0;
  const last = points[points.length - 1]?.timestamp ?? 0;
  const before = CONFIG.baselineMinutes * MINUTE + 5 * MINUTE;
  const after = (CONFIG.minutes + 10) * MINUTE;
  const threshold = 2 * median(points.map((p) => p.value));
  const periodMs = CONFIG.periodSeconds * 1000;
  // Data points sit at minute offsets (14:27, 14:32...): index them by their aligned period.
  const index = indexByTime(
    points.map((p) => ({ timestamp: Math.floor(p.timestamp / periodMs) * periodMs, value: p.value })),
  );
  const ours: Record<FinalDecisionKind, number> = { PROCEED: 0, ROLLBACK: 0, INCONCLUSIVE: 0 };
  let naiveRollbacks = 0;
  let deployments = 0;
  for (let at = first + before; at + after <= last; at += SPACING_MS) {
    const overlaps = windows.some(([from, to]) => at - before < to && at + after > from);
    if (overlaps) continue;
    deployments += 1;
    ours[replayWatch({ config: CONFIG, deployedAtMs: at, series: { latency: points } }).decision] += 1;
    const naive = naiveFirstBreach({
      value: (start) => index.get(start) ?? null,
      breaches: (v) => v > threshold,
      firstStepMs: at + periodMs,
      lastStepMs: at + CONFIG.minutes * MINUTE + periodMs,
      periodMs,
      lagMs: 0,
    });
    if (naive !== null) naiveRollbacks += 1;
  }
  return { file, deployments, ours, naiveRollbacks };
}

/** Every NAB series of the repository, replayed. */
export function falseRollbacks(): SeriesResult[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map(replaySeries);
}
