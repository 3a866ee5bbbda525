/** How far a pipeline's clock may run ahead of AWS's before its commit time is refused. */
export const COMMIT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why a commit time cannot be the commit of the change a watch (or a gate) starting at `startedAtMs`
 * deploys, or `null`. A change is committed before it is deployed: a later one (a wrong zone, a typo,
 * a hostile input) would record a negative lead time and skew the review's DORA metrics.
 */
export function commitTimeProblem(
  commitTime: string,
  startedAtMs: number,
  run: 'watch' | 'gate' = 'watch',
): string | null {
  const commitMs = Date.parse(commitTime);
  if (Number.isNaN(commitMs) || commitMs <= startedAtMs + COMMIT_CLOCK_SKEW_MS) return null;
  return `got ${new Date(commitMs).toISOString()}, after the ${run} starts (${new Date(startedAtMs).toISOString()}); a change is committed before it is deployed`;
}
