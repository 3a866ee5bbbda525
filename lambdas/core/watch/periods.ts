import type { Aggregation, Datapoint } from './model';

/*
 * Periods are aligned to multiples of the period since the epoch, as CloudWatch aligns them, and
 * named by their start. A datapoint belongs to the period its timestamp falls in.
 */

/** Start of the period holding `ms`. */
export function alignDown(ms: number, periodMs: number): number {
  return Math.floor(ms / periodMs) * periodMs;
}

/** Start of the first period starting at or after `ms`. */
export function alignUp(ms: number, periodMs: number): number {
  return Math.ceil(ms / periodMs) * periodMs;
}

/**
 * End of the complete periods at `nowMs`: a period is judged only once it ended before
 * `now - ingestionLag`, so the newest, still-filling period (and late datapoints) never are.
 */
export function completedUntil(nowMs: number, ingestionLagMs: number, periodMs: number): number {
  return alignDown(nowMs - ingestionLagMs, periodMs);
}

/** One metric's values per period start. */
export interface AlignedSeries {
  readonly values: ReadonlyMap<number, number>;
  /**
   * Periods holding a negative datapoint, with it: a count, a rate or a latency is never negative,
   * so such a period is invalid data (kept out of `values`), never a reading.
   */
  readonly negative: ReadonlyMap<number, number>;
  /** Datapoints dropped because another one had the same timestamp. */
  readonly duplicates: number;
}

function combine(values: readonly number[], aggregation: Aggregation): number {
  switch (aggregation) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'maximum':
      return Math.max(...values);
    case 'minimum':
      return Math.min(...values);
    case 'average':
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

/**
 * Groups datapoints in `[fromMs, toMs)` into periods. Datapoints with the same timestamp are one
 * observation reported twice (a repeated export, a clock change): the last one given wins, so nothing
 * is counted twice. Distinct timestamps within one period (data finer than the period) are combined
 * with `aggregation`. Periods without a datapoint are absent: a gap stays a gap. A period with a
 * negative datapoint is in `negative` instead of `values`.
 */
export function alignSeries(
  points: readonly Datapoint[],
  periodMs: number,
  aggregation: Aggregation,
  fromMs: number,
  toMs: number,
): AlignedSeries {
  const byTimestamp = new Map<number, number>();
  let duplicates = 0;
  for (const point of points) {
    if (point.timestamp < fromMs || point.timestamp >= toMs || !Number.isFinite(point.value)) continue;
    if (byTimestamp.has(point.timestamp)) duplicates += 1;
    byTimestamp.set(point.timestamp, point.value);
  }
  const grouped = new Map<number, number[]>();
  for (const [timestamp, value] of byTimestamp) {
    const start = alignDown(timestamp, periodMs);
    const list = grouped.get(start);
    if (list === undefined) grouped.set(start, [value]);
    else list.push(value);
  }
  const values = new Map<number, number>();
  const negative = new Map<number, number>();
  for (const [start, list] of grouped) {
    const below = list.find((value) => value < 0);
    if (below === undefined) values.set(start, combine(list, aggregation));
    else negative.set(start, below);
  }
  return { values, negative, duplicates };
}

/** Period starts in `[fromMs, toMs)`. */
export function periodStarts(fromMs: number, toMs: number, periodMs: number): number[] {
  const starts: number[] = [];
  for (let start = fromMs; start + periodMs <= toMs; start += periodMs) starts.push(start);
  return starts;
}

/** Gaps needed before a series' spacing says anything. */
const MIN_GAPS_FOR_STEP = 10;

/**
 * The usual spacing of a series sorted by time, when it is coarser than the period (nine gaps in ten
 * longer than a period), else `null`. Such data puts a whole coarser interval's value (a 5-minute
 * count) into one period and leaves the periods between it empty.
 */
export function coarserStepMs(points: readonly Datapoint[], periodMs: number): number | null {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const gap = (points[i]?.timestamp ?? 0) - (points[i - 1]?.timestamp ?? 0);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length < MIN_GAPS_FOR_STEP) return null;
  gaps.sort((a, b) => a - b);
  if ((gaps[Math.floor(gaps.length / 10)] ?? 0) <= periodMs) return null;
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}
