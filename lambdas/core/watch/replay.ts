import { abortSummary } from './abort';
import { evaluateStep, nextQuery } from './evaluate';
import type {
  Datapoint,
  FinalDecisionKind,
  ManualAbort,
  MetricFetch,
  MetricQuery,
  StepResult,
  TriggerOutcome,
  WatchPlan,
} from './model';
import { alignSeries } from './periods';
import { planWatch, type WatchConfig } from './plan';
import { baselineQuery, recordBaseline } from './start';

/** The metrics provider failing (throttled, access denied) for steps whose `now` is in `[fromMs, toMs)`. */
export interface ProviderOutage {
  readonly fromMs: number;
  readonly toMs: number;
  /** @default every metric */
  readonly metricIds?: readonly string[];
  readonly message: string;
}

export interface ReplayInput {
  readonly config: WatchConfig;
  /** The watch's start. */
  readonly deployedAtMs: number;
  /** When the deployment began rolling out, before the watch: the baseline ends there (see `planWatch`). */
  readonly deploymentStartedAtMs?: number;
  /** Full history per metric id, in any order; same-timestamp duplicates are dropped (last wins). */
  readonly series: Readonly<Record<string, readonly Datapoint[]>>;
  /** Delivered at the first step at or after its `requestedAtMs`. */
  readonly abort?: ManualAbort | null;
  readonly outages?: readonly ProviderOutage[];
  /** Called after every step (for tests and benchmarks: queries made, transitions, escalations). */
  readonly onStep?: (step: StepResult, query: MetricQuery | null, nowMs: number) => void;
}

export interface ReplayResult {
  readonly decision: FinalDecisionKind;
  /** The step's time when the watch decided, `null` if it never did (a safety stop). */
  readonly decidedAtMs: number | null;
  readonly triggerId: string | null;
  readonly reason: string;
  readonly steps: number;
  readonly escalated: boolean;
  readonly outcomes: readonly TriggerOutcome[];
  /** The baseline window, `[fromMs, toMs)`. */
  readonly baseline: { readonly fromMs: number; readonly toMs: number };
  /** Same-timestamp datapoints dropped per metric id, over the baseline and the watch. */
  readonly duplicates: Readonly<Record<string, number>>;
}

function firstAtOrAfter(points: readonly Datapoint[], ms: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((points[mid]?.timestamp ?? 0) < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What GetMetricData would have returned for the query at `nowMs`: only datapoints in its range. */
function fetchFrom(
  sorted: Readonly<Record<string, readonly Datapoint[]>>,
  query: MetricQuery,
  outages: readonly ProviderOutage[],
  nowMs: number,
): MetricFetch {
  const series: Record<string, readonly Datapoint[]> = {};
  const errors: Record<string, string> = {};
  for (const id of query.metricIds) {
    const outage = outages.find(
      (o) => nowMs >= o.fromMs && nowMs < o.toMs && (o.metricIds === undefined || o.metricIds.includes(id)),
    );
    if (outage !== undefined) {
      errors[id] = outage.message;
      continue;
    }
    const points = sorted[id] ?? [];
    series[id] = points.slice(firstAtOrAfter(points, query.fromMs), firstAtOrAfter(points, query.toMs));
  }
  return { fromMs: query.fromMs, toMs: query.toMs, series, errors };
}

function countDuplicates(plan: WatchPlan, sorted: Readonly<Record<string, readonly Datapoint[]>>) {
  const duplicates: Record<string, number> = {};
  for (const [id, points] of Object.entries(sorted)) {
    duplicates[id] = alignSeries(
      points,
      plan.periodMs,
      'sum',
      plan.baselineStartMs,
      plan.windowEndMs,
    ).duplicates;
  }
  return duplicates;
}

/** The history a replay of a deployment at `deployedAtMs` reads: from the baseline's start to the watch's end. */
export function replayRange(
  config: WatchConfig,
  deployedAtMs: number,
  deploymentStartedAtMs?: number,
): { fromMs: number; toMs: number } {
  const plan = planWatch(config, deployedAtMs, deploymentStartedAtMs);
  return { fromMs: plan.baselineStartMs, toMs: plan.windowEndMs };
}

/**
 * Whether a timestamp falls in any of the ranges, for keeping only the history some replay reads.
 * The ranges are merged and sorted once, so each look-up is a binary search.
 */
export function inAnyRange(
  ranges: readonly { fromMs: number; toMs: number }[],
): (timestampMs: number) => boolean {
  const merged: { fromMs: number; toMs: number }[] = [];
  for (const range of [...ranges].sort((a, b) => a.fromMs - b.fromMs)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, range.toMs);
    else merged.push({ ...range });
  }
  return (timestampMs) => {
    let low = 0;
    let high = merged.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((merged[mid]?.toMs ?? 0) <= timestampMs) low = mid + 1;
      else high = mid;
    }
    const range = merged[low];
    return range !== undefined && timestampMs >= range.fromMs;
  };
}

/** The datapoints of a series sorted by time that fall in `[fromMs, toMs)`. */
export function sliceSorted(
  points: readonly Datapoint[],
  fromMs: number,
  toMs: number,
): readonly Datapoint[] {
  return points.slice(firstAtOrAfter(points, fromMs), firstAtOrAfter(points, toMs));
}

/**
 * Replays history through the watch exactly as the state machine runs it, with the same functions:
 * record the baseline at the deployment, then one step per period (`now` = deployment + k periods),
 * each fetching what `nextQuery` asks for, until a final decision.
 */
export function replayWatch(input: ReplayInput): ReplayResult {
  const plan = planWatch(input.config, input.deployedAtMs, input.deploymentStartedAtMs);
  const outages = input.outages ?? [];
  const sorted: Record<string, readonly Datapoint[]> = {};
  for (const [id, points] of Object.entries(input.series)) {
    // Stable sort: among equal timestamps the original order stays, so "last wins" means last in the file.
    sorted[id] = [...points].sort((a, b) => a.timestamp - b.timestamp);
  }
  let state = recordBaseline(plan, fetchFrom(sorted, baselineQuery(plan), outages, plan.deployedAtMs));
  const maxSteps =
    Math.ceil(
      (plan.windowEndMs + plan.ingestionLagMs + plan.maxNoDataMs - plan.deployedAtMs) / plan.periodMs,
    ) + 3;
  let escalated = false;
  for (let step = 1; step <= maxSteps; step += 1) {
    const nowMs = plan.deployedAtMs + step * plan.periodMs;
    const query = nextQuery(plan, state, nowMs);
    const abort = input.abort && input.abort.requestedAtMs <= nowMs ? input.abort : null;
    const result = evaluateStep(plan, state, {
      fetch: query === null ? null : fetchFrom(sorted, query, outages, nowMs),
      nowMs,
      abort,
    });
    input.onStep?.(result, query, nowMs);
    state = result.state;
    escalated ||= result.escalate;
    const { decision } = result;
    if (decision.kind !== 'CONTINUE') {
      return {
        decision: decision.kind,
        decidedAtMs: decision.decidedAtMs,
        triggerId: decision.triggerId,
        reason: decision.abort !== null && state.abort !== null ? abortSummary(state.abort) : decision.reason,
        steps: step,
        escalated,
        outcomes: result.outcomes,
        baseline: { fromMs: plan.baselineStartMs, toMs: plan.baselineEndMs },
        duplicates: countDuplicates(plan, sorted),
      };
    }
  }
  return {
    decision: 'INCONCLUSIVE',
    decidedAtMs: null,
    triggerId: null,
    reason: `no decision after ${maxSteps} steps`,
    steps: maxSteps,
    escalated,
    outcomes: [],
    baseline: { fromMs: plan.baselineStartMs, toMs: plan.baselineEndMs },
    duplicates: countDuplicates(plan, sorted),
  };
}
