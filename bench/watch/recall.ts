import { LATENCY } from '../../lambdas/core/watch/defaults';
import type { Datapoint, TriggerDefinition, TriggerJudge } from '../../lambdas/core/watch/model';
import type { WatchConfig } from '../../lambdas/core/watch/plan';
import { type ReplayResult, replayWatch } from '../../lambdas/core/watch/replay';
import { naiveFirstBreach, watchConfig } from './config';
import { healthyDeployments, type NabSeries, nabSeries, slice } from './nab';
import { inject, noisy, REGRESSIONS, type RegressionKind } from './regressions';

/*
 * Recall beside false rollbacks. On every healthy NAB deployment (as in the false-rollback table), each
 * rule watches the series left clean and the same series with a regression injected 10 minutes into
 * the watch; on each labelled anomaly point, a deployment 15 minutes before it. Every series is
 * watched with the relative rule the false-rollback table uses (2 x baseline median, 3 consecutive
 * 5-minute periods, no floor) unless the rule says otherwise; 60-minute watch and baseline, no lag.
 *
 * Canary against baseline needs two versions side by side, which NAB does not record: the old and
 * the new version are the same real series, each with its own independent per-period noise
 * (lognormal, sigma 0.1: two halves of the traffic do not measure exactly the same), the regression
 * injected into the new one only.
 */

const MINUTE = 60_000;
const PERIOD_MS = 5 * MINUTE;
export const INJECT_AFTER_MS = 10 * MINUTE;
export const LABEL_LEAD_MS = 15 * MINUTE;
export const CANARY_NOISE = 0.1;

const CONFIG: WatchConfig = watchConfig([], {
  minutes: 60,
  periodSeconds: 300,
  ingestionLagSeconds: 0,
  baselineMinutes: 60,
  maxNoDataMinutes: 30,
  aggregation: { latency: 'average', latency_old: 'average' },
});
const BEFORE = CONFIG.baselineMinutes * MINUTE + 5 * MINUTE;
const AFTER = (CONFIG.minutes + 10) * MINUTE;

/** The relative rule of the false-rollback table: 2 x baseline median for 3 consecutive periods, no floor. */
export const THRESHOLD_TRIGGER: TriggerDefinition = { ...LATENCY, id: 'relative', floor: null };

/** One deployment to watch: the new version's series, and the old version's over the same time (canary only). */
interface Watched {
  readonly deployedAtMs: number;
  readonly series: NabSeries;
  /** The new version: the real series, with the regression injected when there is one. */
  readonly points: readonly Datapoint[];
  /** The old version over the same periods: the real series without the regression. */
  readonly clean: readonly Datapoint[];
  readonly seed: number;
}

/** A rule's decision: a ROLLBACK at a time, or none; `inconclusive` when it ended INCONCLUSIVE. */
interface Verdict {
  readonly rollbackAt: number | null;
  readonly inconclusive: boolean;
}

export interface Rule {
  readonly id: string;
  readonly label: string;
  readonly watch: (watched: Watched) => Verdict;
}

function verdictOf(result: ReplayResult): Verdict {
  return {
    rollbackAt: result.decision === 'ROLLBACK' ? result.decidedAtMs : null,
    inconclusive: result.decision === 'INCONCLUSIVE',
  };
}

function replayRule(trigger: TriggerDefinition): Rule['watch'] {
  const config = { ...CONFIG, triggers: [trigger] };
  return (w) =>
    verdictOf(replayWatch({ config, deployedAtMs: w.deployedAtMs, series: { latency: w.points } }));
}

/** The threshold rule with a statistical judge that must agree. */
export function judgedRule(id: string, label: string, trigger: TriggerDefinition, judge: TriggerJudge): Rule {
  return { id, label, watch: replayRule({ ...trigger, judge }) };
}

export const THRESHOLD_RULE: Rule = {
  id: 'threshold',
  label: 'threshold rule (today): > 2 x baseline median, 3 consecutive',
  watch: replayRule(THRESHOLD_TRIGGER),
};

const medians = new Map<string, number>();
function wholeMedian(series: NabSeries): number {
  const known = medians.get(series.file);
  if (known !== undefined) return known;
  const sorted = series.points.map((p) => p.value).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  medians.set(series.file, value);
  return value;
}

export const NAIVE_RULE: Rule = {
  id: 'naive',
  label: 'naive: newest datapoint > 2 x the whole series median',
  watch: (w) => {
    const threshold = 2 * wholeMedian(w.series);
    const index = new Map(w.points.map((p) => [Math.floor(p.timestamp / PERIOD_MS) * PERIOD_MS, p.value]));
    const rollbackAt = naiveFirstBreach({
      value: (start) => index.get(start) ?? null,
      breaches: (v) => v > threshold,
      firstStepMs: w.deployedAtMs + PERIOD_MS,
      lastStepMs: w.deployedAtMs + CONFIG.minutes * MINUTE + PERIOD_MS,
      periodMs: PERIOD_MS,
      lagMs: 0,
    });
    return { rollbackAt, inconclusive: false };
  },
};

/** Canary against the old version over the same periods (synthetic side-by-side series). */
export function canaryRule(id: string, label: string, trigger: TriggerDefinition): Rule {
  const config = { ...CONFIG, triggers: [trigger] };
  return {
    id,
    label,
    watch: (w) => {
      const result = replayWatch({
        config,
        deployedAtMs: w.deployedAtMs,
        series: {
          latency: noisy(w.points, CANARY_NOISE, w.seed),
          latency_old: noisy(w.clean, CANARY_NOISE, w.seed + 7_919),
        },
      });
      return verdictOf(result);
    },
  };
}

export const CANARY_TRIGGER: TriggerDefinition = {
  ...THRESHOLD_TRIGGER,
  id: 'canary',
  threshold: { kind: 'baseline', multiplier: 1.5, statistic: 'median' },
  versus: { expression: 'latency_old', eligibility: null, fillZero: [] },
};

export interface KindResult {
  readonly kind: string;
  readonly deployments: number;
  /** ROLLBACK after the regression started. */
  readonly detected: number;
  /** ROLLBACK before it started: false. */
  readonly early: number;
  readonly inconclusive: number;
  /** Delays from the regression's start to the ROLLBACK, seconds. */
  readonly delaysSeconds: readonly number[];
}

export interface RuleResult {
  readonly rule: string;
  readonly label: string;
  readonly clean: { readonly deployments: number; readonly rollbacks: number; readonly inconclusive: number };
  readonly kinds: readonly KindResult[];
  readonly labelled: { readonly points: number; readonly caught: number };
}

function deploymentsOf(): { series: NabSeries; at: number; seed: number }[] {
  const out: { series: NabSeries; at: number; seed: number }[] = [];
  nabSeries().forEach((series, s) => {
    healthyDeployments(series, BEFORE, AFTER).forEach((at, i) => {
      out.push({ series, at, seed: 1_000_003 * (s + 1) + i });
    });
  });
  return out;
}

function runKind(
  rule: Rule,
  kind: RegressionKind | null,
  deployments: ReturnType<typeof deploymentsOf>,
): KindResult {
  let detected = 0;
  let early = 0;
  let inconclusive = 0;
  const delays: number[] = [];
  for (const { series, at, seed } of deployments) {
    const clean = slice(series.points, at - BEFORE, at + AFTER);
    const firstPeriod = Math.ceil(at / PERIOD_MS) * PERIOD_MS;
    const start = firstPeriod + INJECT_AFTER_MS;
    const points = kind === null ? clean : inject(clean, kind, start, seed);
    const verdict = rule.watch({ deployedAtMs: at, series, points, clean, seed });
    if (verdict.inconclusive) inconclusive += 1;
    const rollbackAt = verdict.rollbackAt;
    if (rollbackAt === null) continue;
    if (kind !== null && rollbackAt > start) {
      detected += 1;
      delays.push((rollbackAt - start) / 1000);
    } else {
      early += 1;
    }
  }
  return {
    kind: kind?.id ?? 'clean',
    deployments: deployments.length,
    detected,
    early,
    inconclusive,
    delaysSeconds: delays,
  };
}

function labelled(rule: Rule): { points: number; caught: number } {
  let points = 0;
  let caught = 0;
  for (const series of nabSeries()) {
    series.labels.forEach((label, i) => {
      const at = label - LABEL_LEAD_MS;
      const clean = slice(series.points, at - BEFORE, at + AFTER);
      points += 1;
      const verdict = rule.watch({ deployedAtMs: at, series, points: clean, clean, seed: 77 + i });
      if (verdict.rollbackAt !== null) caught += 1;
    });
  }
  return { points, caught };
}

/** Every rule over the clean deployments, every regression kind and the labelled anomalies. */
export function recall(rules: readonly Rule[], options: { labelled?: boolean } = {}): RuleResult[] {
  const deployments = deploymentsOf();
  return rules.map((rule) => {
    const clean = runKind(rule, null, deployments);
    return {
      rule: rule.id,
      label: rule.label,
      clean: { deployments: clean.deployments, rollbacks: clean.early, inconclusive: clean.inconclusive },
      kinds: REGRESSIONS.map((kind) => runKind(rule, kind, deployments)),
      labelled: options.labelled === false ? { points: 0, caught: 0 } : labelled(rule),
    };
  });
}
