import { baselineCutMs } from './deployment-start';
import type { Aggregation, TriggerDefinition, WatchPlan } from './model';
import { alignDown, alignUp } from './periods';

/** The watch's settings, resolved (see `resolve.ts` for the configuration's `watch` section). */
export interface WatchConfig {
  readonly minutes: number;
  readonly periodSeconds: number;
  readonly ingestionLagSeconds: number;
  readonly baselineMinutes: number;
  readonly baselineMinCoverage: number;
  readonly maxNoDataMinutes: number;
  /** Enabled triggers only, in order. */
  readonly triggers: readonly TriggerDefinition[];
  readonly aggregation: Readonly<Record<string, Aggregation>>;
}

const MINUTE = 60_000;

/**
 * Fixes the watch's periods for a watch starting at `deployedAtMs`. The baseline is the
 * `baselineMinutes` of complete periods before the deployment: before `deploymentStartedAtMs` when
 * given (a rolling deployment that began before the watch puts new code into the periods between),
 * else before the watch's start. The watch covers `minutes` of periods from the first period
 * starting at or after its start. The periods holding the deployment itself (mixed old and new)
 * belong to neither.
 */
export function planWatch(
  config: WatchConfig,
  deployedAtMs: number,
  deploymentStartedAtMs?: number,
): WatchPlan {
  const periodMs = config.periodSeconds * 1000;
  const baselineEndMs = alignDown(baselineCutMs(deployedAtMs, deploymentStartedAtMs), periodMs);
  const firstPeriodMs = alignUp(deployedAtMs, periodMs);
  return {
    deployedAtMs,
    ...(deploymentStartedAtMs === undefined ? {} : { deploymentStartedAtMs }),
    periodMs,
    ingestionLagMs: config.ingestionLagSeconds * 1000,
    baselineStartMs: baselineEndMs - config.baselineMinutes * MINUTE,
    baselineEndMs,
    baselineMinCoverage: config.baselineMinCoverage,
    firstPeriodMs,
    windowEndMs: firstPeriodMs + config.minutes * MINUTE,
    maxNoDataMs: config.maxNoDataMinutes * MINUTE,
    triggers: config.triggers,
    aggregation: config.aggregation,
  };
}
