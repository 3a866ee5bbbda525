/*
 * The Mann-Whitney U test (Wilcoxon rank-sum), one-sided: are the watched values stochastically greater
 * than the baseline's? Pure and small: exact permutation distribution for small samples without ties,
 * the normal approximation with tie and continuity correction otherwise.
 */

/** Largest `n1 x n2` for which the exact distribution is computed (a table of that many counts). */
const EXACT_MAX_PRODUCT = 4000;

export interface MannWhitneyResult {
  /** U of the watched sample: pairs (watched, baseline) where watched is greater, ties counting a half. */
  readonly u: number;
  /** One-sided p-value of "watched is greater". */
  readonly pValue: number;
  readonly method: 'exact' | 'normal';
}

/** Midranks (1-based) of the pooled values, and the tie groups' sizes. */
function ranks(pooled: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = pooled.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const out = new Array<number>(pooled.length).fill(0);
  const ties: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.value === order[i]?.value) j += 1;
    const midrank = (i + j + 2) / 2;
    for (let k = i; k <= j; k += 1) out[order[k]?.index ?? 0] = midrank;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks: out, ties };
}

/** Number of arrangements of n1 and n2 values giving each U (0..n1*n2): the classic recursion. */
function exactCounts(n1: number, n2: number): number[] {
  // counts[m][u] for samples of size (i, m), built up row by row over i.
  let previous: number[][] = Array.from({ length: n2 + 1 }, () => [1]);
  for (let i = 1; i <= n1; i += 1) {
    const current: number[][] = [[1]];
    for (let m = 1; m <= n2; m += 1) {
      const size = i * m + 1;
      const row = new Array<number>(size).fill(0);
      // f(i, m, u) = f(i - 1, m, u - m) + f(i, m - 1, u)
      const left = previous[m] ?? [];
      const down = current[m - 1] ?? [];
      for (let u = 0; u < size; u += 1) row[u] = (u - m >= 0 ? (left[u - m] ?? 0) : 0) + (down[u] ?? 0);
      current.push(row);
    }
    previous = current;
  }
  return previous[n2] ?? [1];
}

/** C(n, k) as a float (exact enough for a lower bound on p). */
function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i += 1) result = (result * (n - Math.min(k, n - k) + i)) / i;
  return result;
}

function normalUpperTail(z: number): number {
  // Abramowitz-Stegun 7.1.26 on erfc, accurate to 1.5e-7: ample for a p-value against 0.01.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * One-sided Mann-Whitney U test that `watched` is greater than `baseline`. Both samples must be
 * non-empty (the caller checks the minimum sample sizes).
 */
export function mannWhitneyGreater(
  baseline: readonly number[],
  watched: readonly number[],
): MannWhitneyResult {
  const n1 = watched.length;
  const n2 = baseline.length;
  const { ranks: r, ties } = ranks([...watched, ...baseline]);
  const rankSum = r.slice(0, n1).reduce((a, b) => a + b, 0);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  if (ties.length === 0 && n1 * n2 <= EXACT_MAX_PRODUCT) {
    const counts = exactCounts(n1, n2);
    const total = counts.reduce((a, b) => a + b, 0);
    let atLeast = 0;
    for (let k = Math.ceil(u); k < counts.length; k += 1) atLeast += counts[k] ?? 0;
    return { u, pValue: atLeast / total, method: 'exact' };
  }
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const tieTerm = ties.reduce((a, t) => a + (t * t * t - t), 0) / (n * (n - 1));
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm);
  if (variance <= 0) return { u, pValue: 1, method: 'normal' };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  // With ties and small samples the approximation can claim more than the data can show: no
  // arrangement of n1 of n values is rarer than one in C(n, n1), so p never goes below that.
  return { u, pValue: Math.max(normalUpperTail(z), 1 / binomial(n, n1)), method: 'normal' };
}
