/*
 * The deployment watch's data, plain JSON throughout: times are epoch milliseconds, so a Step Functions
 * loop can carry the plan and the state between periods unchanged. The functions that work on them
 * (`start.ts`, `evaluate.ts`, `replay.ts`) never read a clock: `now` is passed in.
 */

/** Comparison of a period's value with the threshold: the value breaches when `value <op> threshold`. */
export type Comparison = '>' | '>=' | '<' | '<=';

/** What a period with no data counts as (after `fillZero`). */
export type MissingDataPolicy = 'inconclusive' | 'breaching' | 'notBreaching';

/** Which baseline figure `k x baseline` multiplies. */
export type BaselineStatistic = 'median' | 'p95';

/** A fixed threshold, or a multiple of the baseline recorded before the deployment. */
export type Threshold =
  | { readonly kind: 'static'; readonly value: number }
  | { readonly kind: 'baseline'; readonly multiplier: number; readonly statistic: BaselineStatistic };

/** Breach when at least `breaching` of the last `of` judged periods breach (`breaching = of`: consecutive). */
export interface BreachWindow {
  readonly breaching: number;
  readonly of: number;
}

/** A period is judged only when `metric` has at least `min` (e.g. 50 requests for an error rate). */
export interface Eligibility {
  readonly metric: string;
  readonly min: number;
  /**
   * A period in which `metric` itself has no datapoint: `judge` judges it as if eligible (a minimum
   * added to a trigger that judged without it, so a missing traffic count takes nothing away).
   * @default the period is missing
   */
  readonly whenMissing?: 'judge';
}

/**
 * A statistical test that must agree with the threshold rule before a breach counts:
 * - `mann-whitney`: the last `samples` judged values are greater (for `<`: smaller) than the reference
 *   values, one-sided Mann-Whitney U at `confidence`, and their medians differ by at least
 *   `minEffect` x (a ratio);
 * - `robust-deviation`: the window's breaching periods lie more than `k` scaled median absolute
 *   deviations beyond the reference median.
 * The reference is the baseline before the deployment, or the old version over the same periods
 * (`versus`).
 */
export type JudgeTest =
  | {
      readonly rule: 'mann-whitney';
      readonly confidence: number;
      readonly minEffect: number;
      readonly samples: number;
    }
  | { readonly rule: 'robust-deviation'; readonly k: number };

/** The statistical judge of a trigger; with `shadow`, it is recorded beside the threshold rule and never decides. */
export interface TriggerJudge {
  readonly test: JudgeTest;
  readonly shadow: boolean;
}

/**
 * Canary against baseline at the same time: the old version's value per period (an expression over
 * its own metric ids), compared with the new version's (`expression`) over the same periods. A
 * period is judged only when both sides have their data and their minimum traffic.
 */
export interface Versus {
  readonly expression: string;
  readonly eligibility: Eligibility | null;
  /** Metric ids of the old version whose absent datapoints mean 0. */
  readonly fillZero: readonly string[];
}

/** What the statistical judge found, recorded each time the threshold rule's window held. */
export interface JudgeVerdict {
  readonly rule: JudgeTest['rule'];
  readonly agrees: boolean;
  /** Recorded beside the threshold rule only: it did not decide. */
  readonly shadow: boolean;
  /** Mann-Whitney U of the watched values, or the smallest deviation (in scaled MADs) of the window's breaching periods. */
  readonly statistic: number;
  /** One-sided p-value (Mann-Whitney only). */
  readonly pValue: number | null;
  /** Ratio of the watched median to the reference median, breaching direction (Mann-Whitney only). */
  readonly effect: number | null;
  readonly referenceSamples: number;
  readonly watchedSamples: number;
  /** False when the judge had fewer periods than it needs: it could not agree, and cannot clear the trigger either. */
  readonly enoughSamples: boolean;
  readonly atPeriodEndMs: number;
  readonly reason: string;
}

/** One rollback trigger, every default resolved. */
export interface TriggerDefinition {
  /** e.g. `error-rate`; checklist items name triggers by this id. */
  readonly id: string;
  readonly description: string;
  /** Arithmetic over metric ids (`errors / requests`), see `expression.ts`. */
  readonly expression: string;
  readonly comparison: Comparison;
  readonly threshold: Threshold;
  /** Absolute limit in the breaching direction: with `>`, a value at or below it never breaches. */
  readonly floor: number | null;
  readonly window: BreachWindow;
  readonly eligibility: Eligibility | null;
  readonly missingData: MissingDataPolicy;
  /** Metric ids whose missing datapoints mean 0 (counts CloudWatch omits when nothing happened). */
  readonly fillZero: readonly string[];
  /** Acts on a single breaching period, whatever the window. */
  readonly critical: boolean;
  /** Evaluated and reported, never acted on. */
  readonly shadow: boolean;
  /** When the baseline already breaches, a period must also be this many times worse than it. */
  readonly worseningFactor: number;
  /** `null`: the threshold rule alone decides (the checklist's rule). */
  readonly judge: TriggerJudge | null;
  /** `null`: compared with the baseline before the deployment. */
  readonly versus: Versus | null;
  /**
   * How a default trigger's minutes ("for 5 minutes", "10 a minute") map to the watch's period when
   * it is not one minute, shown with its evidence (absent: one-minute periods, or configured keys).
   */
  readonly rule?: string;
}

/** How several raw datapoints in one period combine (from the metric's statistic). */
export type Aggregation = 'sum' | 'average' | 'maximum' | 'minimum';

/** Everything the watch needs, resolved from the configuration and the deployment time. */
export interface WatchPlan {
  /** The watch's start (for a backtest: the replayed deployment time). */
  readonly deployedAtMs: number;
  /** When the deployment began rolling out, as the input gave it: the baseline ends before it (absent: not given). */
  readonly deploymentStartedAtMs?: number;
  readonly periodMs: number;
  readonly ingestionLagMs: number;
  /**
   * Baseline periods: `[baselineStartMs, baselineEndMs)`, every one complete before the deployment
   * (before `deploymentStartedAtMs` when given, else before the watch's start).
   */
  readonly baselineStartMs: number;
  readonly baselineEndMs: number;
  /** Share of the baseline's periods that must hold data for a usable baseline (0..1). */
  readonly baselineMinCoverage: number;
  /** Watched periods: `[firstPeriodMs, windowEndMs)`, the first one starting at or after the deployment. */
  readonly firstPeriodMs: number;
  readonly windowEndMs: number;
  readonly maxNoDataMs: number;
  /** Enabled triggers, in configuration order. */
  readonly triggers: readonly TriggerDefinition[];
  /** Per metric id; ids not listed are averaged. */
  readonly aggregation: Readonly<Record<string, Aggregation>>;
}

/** One value at one time (for CloudWatch: the start of its period). */
export interface Datapoint {
  readonly timestamp: number;
  readonly value: number;
}

/** What one metrics query returned for `[fromMs, toMs)`. */
export interface MetricFetch {
  readonly fromMs: number;
  readonly toMs: number;
  /** Datapoints per metric id, every page already collected; order and duplicates do not matter. */
  readonly series: Readonly<Record<string, readonly Datapoint[]>>;
  /** Metric ids the provider could not return (throttled, access denied), with the reason. */
  readonly errors: Readonly<Record<string, string>>;
}

/** A time range and the metric ids to ask for in it. */
export interface MetricQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly metricIds: readonly string[];
}

/** The baseline of one trigger's value, recorded once before the deployment. */
export interface Baseline {
  /** The baseline window, `[fromMs, toMs)`. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The window ends at this deployment start, as the input gave it (absent: at the watch's start). */
  readonly deploymentStartedAtMs?: number;
  /** Eligible periods with a value. */
  readonly sampleCount: number;
  readonly expectedCount: number;
  readonly median: number | null;
  readonly p95: number | null;
  /** Median absolute deviation. */
  readonly mad: number | null;
  /** The figure `k x baseline` multiplies (median or p95), when usable. */
  readonly reference: number | null;
  /** The trigger already breaches before the deployment: a breach then needs a clear worsening. */
  readonly alreadyBreaching: boolean;
  /** Why the baseline cannot be used, or `null` when it can. */
  readonly unusableReason: string | null;
  /**
   * The baseline's values, kept only for a Mann-Whitney judge (at most `MAX_BASELINE_SAMPLES`, the
   * newest): the test needs the sample, not its summary.
   */
  readonly samples?: readonly number[];
}

/** Baseline values kept for a Mann-Whitney judge: enough for the test, small in the state. */
export const MAX_BASELINE_SAMPLES = 120;

/** How one period was judged: B breaching, P passing, M missing data, L not eligible (low traffic). */
export type PeriodMark = 'B' | 'P' | 'M' | 'L';

/** One judged period, kept as evidence. */
export interface PeriodRecord {
  readonly startMs: number;
  readonly value: number | null;
  readonly mark: PeriodMark;
  /** The old version's value over the same period (`versus` triggers only). */
  readonly reference?: number | null;
}

/** What the watch carries per trigger between periods: small and bounded. */
export interface TriggerState {
  /** Start of the first period not judged yet. */
  readonly cursorMs: number;
  /**
   * The last judged (B or P) periods, oldest first: `window.of` of them for the window rule, or the
   * judge's `samples` when more.
   */
  readonly lastJudged: readonly PeriodRecord[];
  readonly judgedCount: number;
  readonly missingCount: number;
  readonly lowTrafficCount: number;
  /** The last few periods with any mark (missing and low traffic too), oldest first. */
  readonly recent: readonly PeriodRecord[];
  /** End of the last period that held data (a value, zero-filled, not eligible or invalid). */
  readonly lastDataMs: number | null;
  /** The provider's error at the last step, if any. */
  readonly error: string | null;
  /** Periods never judged because a metric reported a negative value (invalid data). */
  readonly invalidCount?: number;
  /** The first invalid period: which metric, what value, when (absent or `null`: none). */
  readonly firstInvalid?: string | null;
  /**
   * `fillZero` metrics that have reported no datapoint yet, in the baseline or the watch: zero-filling
   * a metric that never reports would read a broken pipeline as healthy (absent: none).
   */
  readonly silent?: readonly string[];
  /** Set once when the trigger breaches, with the periods that breached. */
  readonly breach: { readonly atPeriodEndMs: number; readonly periods: readonly PeriodRecord[] } | null;
  /** The statistical judge's latest verdict (absent or `null`: no judge, or its window never held). */
  readonly verdict?: JudgeVerdict | null;
  /** Times the window held and the deciding judge did not agree, so no breach counted. */
  readonly vetoes?: number;
  /**
   * The breaching periods of a window that held before the deciding judge had its sample: tested
   * at each judged period until it has (absent or `null`: nothing waits).
   */
  readonly pending?: readonly PeriodRecord[] | null;
}

export const TRIGGER_STATUSES = ['PASS', 'BREACH', 'INCONCLUSIVE', 'ERROR'] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];

/** One trigger's status after a step, with the evidence a notification shows. */
export interface TriggerOutcome {
  readonly triggerId: string;
  readonly status: TriggerStatus;
  readonly reason: string;
  readonly critical: boolean;
  readonly shadow: boolean;
  /** The effective threshold (after baseline, floor and worsening), or `null` when unknown. */
  readonly threshold: number | null;
  readonly comparison: Comparison;
  readonly baseline: Baseline;
  readonly judgedPeriods: number;
  readonly neededPeriods: number;
  readonly recent: readonly PeriodRecord[];
  readonly breachingPeriods: readonly PeriodRecord[];
  /** No data for longer than the watch's `maxNoDataMinutes`: notify someone. */
  readonly escalated: boolean;
  /** The statistical judge's latest verdict, or `null` (no judge, or the threshold rule never held). */
  readonly verdict: JudgeVerdict | null;
  /** Times the deciding judge overruled the threshold rule. */
  readonly vetoes: number;
}

/** Reason codes for a manual abort: the checklist's manual rollback criteria. */
export const ABORT_REASONS = [
  'critical-functionality',
  'data-corruption',
  'security-vulnerability',
  'performance',
  'user-impact',
  'other',
] as const;
export type AbortReason = (typeof ABORT_REASONS)[number];

/** A person stopped the release. Carried once, in the watch state (`WatchState.abort`). */
export interface ManualAbort {
  readonly reason: AbortReason;
  /** What happened, at most `MAX_ABORT_TEXT_BYTES` of UTF-8. */
  readonly text: string;
  /** Who asked (an IAM principal ARN), when known. */
  readonly by: string | null;
  readonly requestedAtMs: number;
}

export type WatchDecisionKind = 'CONTINUE' | 'PROCEED' | 'ROLLBACK' | 'INCONCLUSIVE';
export type FinalDecisionKind = Exclude<WatchDecisionKind, 'CONTINUE'>;

/** What the watch decided at one step. */
export interface WatchDecision {
  readonly kind: WatchDecisionKind;
  /** The trigger that caused a ROLLBACK, else `null` (a manual abort has none). */
  readonly triggerId: string | null;
  readonly reason: string;
  /** The step's `now` for a final decision, else `null`. */
  readonly decidedAtMs: number | null;
  /**
   * The reason code when a manual abort caused the ROLLBACK, else `null`. The abort itself (who, when,
   * the note) stays in `WatchState.abort` alone, so a long note is carried once.
   */
  readonly abort: AbortReason | null;
}

/**
 * How often a metric publishes when that is coarser than the watch's period: every `everyMs`, at
 * times `phaseMs` past a multiple of it (see `publishing-interval.ts`).
 */
export interface PublishingInterval {
  readonly everyMs: number;
  readonly phaseMs: number;
}

/** The whole state carried between periods. */
export interface WatchState {
  readonly version: 1;
  readonly baselines: Readonly<Record<string, Baseline>>;
  /**
   * Metrics found in the baseline to publish less often than the period, by id: each datapoint is
   * read over the periods it covers (absent: none).
   */
  readonly intervals?: Readonly<Record<string, PublishingInterval>>;
  readonly triggers: Readonly<Record<string, TriggerState>>;
  readonly escalatedAtMs: number | null;
  readonly abort: ManualAbort | null;
  /** Set once with the final decision; later steps return it unchanged. */
  readonly decision: WatchDecision | null;
  readonly steps: number;
}

/** What one step returns. */
export interface StepResult {
  readonly state: WatchState;
  readonly decision: WatchDecision;
  readonly outcomes: readonly TriggerOutcome[];
  /** True on the one step where the watch first escalated, so the caller notifies once. */
  readonly escalate: boolean;
}
