/** How far a pipeline's clock may run ahead of AWS's before its commit time is refused. */
export const COMMIT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * How long before its deployment a change may have been committed. Older is most often no commit
 * time at all (an unset timestamp read as 1970-01-01, a default date), and the review would count it
 * as lead time: one such release is decades of it.
 */
export const MAX_COMMIT_AGE_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Why a commit time cannot be the commit of the change a watch (or a gate) starting at `startedAtMs`
 * deploys, or `null`. A change is committed before it is deployed: a later one (a wrong zone, a typo,
 * a hostile input) would record a negative lead time and skew the review's DORA metrics; one more
 * than `MAX_COMMIT_AGE_DAYS` earlier is refused too.
 */
export function commitTimeProblem(
  commitTime: string,
  startedAtMs: number,
  run: 'watch' | 'gate' = 'watch',
): string | null {
  const commitMs = Date.parse(commitTime);
  if (Number.isNaN(commitMs)) return null;
  const started = new Date(startedAtMs).toISOString();
  if (commitMs > startedAtMs + COMMIT_CLOCK_SKEW_MS) {
    return `got ${new Date(commitMs).toISOString()}, after the ${run} starts (${started}); a change is committed before it is deployed`;
  }
  if (commitMs < startedAtMs - MAX_COMMIT_AGE_DAYS * DAY_MS) {
    return `got ${new Date(commitMs).toISOString()}, more than ${MAX_COMMIT_AGE_DAYS} days before the ${run} starts (${started}); expected the time the change being deployed was committed`;
  }
  return null;
}
