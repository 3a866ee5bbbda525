/** Median, min and max of repeated measurements. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: values.length };
}

/** `12.3 s [11.9–13.0] ×3`, or a single value when there was one run. */
export function formatSpread(s: Spread, unit: (n: number) => string): string {
  if (s.runs <= 1) return `${unit(s.median)} (1 run)`;
  return `${unit(s.median)} [${unit(s.min)}–${unit(s.max)}] ×${s.runs}`;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
export const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const kibibytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
export const dollars = (usd: number) => (usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`);

/** Times `fn` `runs` times (sequentially). */
export async function timeRuns(runs: number, fn: () => unknown): Promise<Spread> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return spread(times);
}
