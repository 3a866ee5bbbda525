import { COMMIT_CLOCK_SKEW_MS } from './commit-time';

/**
 * How long before the watch's start a deployment may have started. A pipeline starts the watch right
 * after its deploy job; a rolling deployment takes minutes to hours, never a day. An older time is a
 * mistake (a wrong date or zone, an earlier release's time) that would compare the release with a
 * baseline a day or more old.
 */
export const MAX_DEPLOYMENT_LEAD_MS = 24 * 60 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Why `deploymentStartedAt` cannot be the start of the deployment a watch starting at `startedAtMs`
 * follows, or `null`. A deployment starts before it is watched (a pipeline's clock may run ahead by
 * the commit time's skew, {@link COMMIT_CLOCK_SKEW_MS}: such a time is read as the watch's start), and
 * at most {@link MAX_DEPLOYMENT_LEAD_MS} before it. `run` names what starts: the watch, or a backtest's
 * replayed watch (which has no clock to be skewed from).
 */
export function deploymentStartProblem(
  deploymentStartedAt: string,
  startedAtMs: number,
  run: 'watch' | 'replayed watch' = 'watch',
): string | null {
  const startMs = Date.parse(deploymentStartedAt);
  if (Number.isNaN(startMs)) return null;
  const skew = run === 'watch' ? COMMIT_CLOCK_SKEW_MS : 0;
  if (startMs > startedAtMs + skew) {
    return `got ${iso(startMs)}, after the ${run} starts (${iso(startedAtMs)}); expected the time the deployment began rolling out, before it is watched`;
  }
  if (startMs < startedAtMs - MAX_DEPLOYMENT_LEAD_MS) {
    return `got ${iso(startMs)}, more than 24 hours before the ${run} starts (${iso(startedAtMs)}); expected the time this deployment began rolling out, at most 24 hours earlier`;
  }
  return null;
}

/**
 * Where the baseline ends: at the deployment's start when the input gives it (new code rolling out
 * before the watch starts is no baseline), else at the watch's start; never after the watch's start.
 */
export function baselineCutMs(startedAtMs: number, deploymentStartedAtMs?: number): number {
  return deploymentStartedAtMs === undefined ? startedAtMs : Math.min(deploymentStartedAtMs, startedAtMs);
}

/** How far back CloudWatch returns data at periods under a minute (high-resolution data points). */
export const HIGH_RESOLUTION_RETENTION_MS = 3 * 60 * 60_000;

/**
 * Why a baseline ending at `deploymentStartedAt` cannot be read at `periodSeconds`, or `null`: below
 * 60 seconds, GetMetricData returns nothing for a range starting more than 3 hours ago, so the
 * baseline (`baselineMinutes` before the deployment's start) must start within them.
 */
export function baselineRetentionProblem(
  deploymentStartedAt: string,
  startedAtMs: number,
  periodSeconds: number,
  baselineMinutes: number,
): string | null {
  const startMs = Date.parse(deploymentStartedAt);
  if (periodSeconds >= 60 || Number.isNaN(startMs)) return null;
  const baselineStartMs = Math.min(startMs, startedAtMs) - baselineMinutes * 60_000;
  if (baselineStartMs >= startedAtMs - HIGH_RESOLUTION_RETENTION_MS) return null;
  const most = Math.max(0, 180 - baselineMinutes);
  return `at ${periodSeconds}-second periods CloudWatch returns data of the last 3 hours only, and the baseline would start at ${iso(baselineStartMs)}; expected at most ${most} minutes before the watch starts (3 hours less baseline.minutes, ${baselineMinutes})`;
}
