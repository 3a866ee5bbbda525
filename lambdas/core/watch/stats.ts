/** The `q`-quantile (0..1) by linear interpolation between closest ranks; `null` for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? a;
  return a + (b - a) * (position - lower);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median: a spread that one outlier does not move. */
export function medianAbsoluteDeviation(values: readonly number[]): number | null {
  const m = median(values);
  return m === null ? null : median(values.map((v) => Math.abs(v - m)));
}
