import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseMetricCsv, parseTimestamp } from '../../lambdas/core/watch/csv';
import type { Datapoint } from '../../lambdas/core/watch/model';

/*
 * The 17 real CloudWatch series of the Numenta Anomaly Benchmark shipped in the repository, with their
 * labelled anomaly windows and points, and the healthy deployment times the watch benchmarks replay.
 */

const DATA_DIR = path.resolve(__dirname, '..', '..', 'data', 'nab-realAWSCloudwatch');
const LABELS = 'realAWSCloudwatch_labels_subset.json';
const MINUTE = 60_000;
/** One deployment every 2 hours of history. */
export const SPACING_MS = 120 * MINUTE;

export interface NabSeries {
  readonly file: string;
  readonly points: readonly Datapoint[];
  /** Labelled anomaly windows, `[from, to]` in epoch ms. */
  readonly windows: readonly (readonly [number, number])[];
  /** Labelled anomaly points, epoch ms. */
  readonly labels: readonly number[];
}

interface LabelsFile {
  readonly windows: Record<string, [string, string][]>;
  readonly labels: Record<string, string[]>;
}

let cache: NabSeries[] | undefined;

/** Every series, sorted by file name, read once. */
export function nabSeries(): readonly NabSeries[] {
  if (cache !== undefined) return cache;
  const labels = JSON.parse(readFileSync(path.join(DATA_DIR, LABELS), 'utf8')) as LabelsFile;
  const time = (text: string) => parseTimestamp(text) ?? 0;
  cache = readdirSync(DATA_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((file) => ({
      file,
      points: parseMetricCsv(readFileSync(path.join(DATA_DIR, file), 'utf8'), file),
      windows: (labels.windows[`realAWSCloudwatch/${file}`] ?? []).map(
        ([a, b]) => [time(a), time(b)] as const,
      ),
      labels: (labels.labels[`realAWSCloudwatch/${file}`] ?? []).map(time),
    }));
  return cache;
}

/**
 * Deployment times every {@link SPACING_MS} whose `before` (baseline) and `after` (watch and lag) stay
 * clear of every labelled window: a ROLLBACK there is a false one.
 */
export function healthyDeployments(series: NabSeries, before: number, after: number): number[] {
  const first = series.points[0]?.timestamp ?? 0;
  const last = series.points[series.points.length - 1]?.timestamp ?? 0;
  const times: number[] = [];
  for (let at = first + before; at + after <= last; at += SPACING_MS) {
    if (series.windows.some(([from, to]) => at - before < to && at + after > from)) continue;
    times.push(at);
  }
  return times;
}

/** The datapoints in `[fromMs, toMs)`: what one replay needs, so each replay sorts little. */
export function slice(points: readonly Datapoint[], fromMs: number, toMs: number): Datapoint[] {
  return points.filter((p) => p.timestamp >= fromMs && p.timestamp < toMs);
}
