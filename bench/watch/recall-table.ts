import type { TriggerDefinition } from '../../lambdas/core/watch/model';
import { spread } from '../support/stats';
import type { Section } from '../support/table';
import {
  CANARY_NOISE,
  CANARY_TRIGGER,
  canaryRule,
  INJECT_AFTER_MS,
  judgedRule,
  LABEL_LEAD_MS,
  NAIVE_RULE,
  type RuleResult,
  recall,
  THRESHOLD_RULE,
  THRESHOLD_TRIGGER,
} from './recall';
import { REGRESSIONS } from './regressions';

/** The statistical judge as the bench supports it: 1.5 x baseline, and Mann-Whitney must agree. */
export const JUDGE_TRIGGER: TriggerDefinition = {
  ...THRESHOLD_TRIGGER,
  threshold: { kind: 'baseline', multiplier: 1.5, statistic: 'median' },
  judge: { shadow: false, test: { rule: 'mann-whitney', confidence: 0.9999, minEffect: 1.5, samples: 9 } },
};

/** The robust deviation judge on today's rule, shown for why it was not chosen. */
const MAD_TRIGGER: TriggerDefinition = {
  ...THRESHOLD_TRIGGER,
  judge: { shadow: false, test: { rule: 'robust-deviation', k: 5 } },
};

const CANARY: TriggerDefinition = {
  ...CANARY_TRIGGER,
  threshold: { kind: 'baseline', multiplier: 1.3, statistic: 'median' },
};

export const RECALL_RULES = [
  THRESHOLD_RULE,
  judgedRule(
    'judge-mann-whitney',
    'judge: > 1.5 x baseline median, 3 consecutive, and Mann-Whitney (last 9 periods vs baseline, confidence 0.9999, effect ≥ 1.5x)',
    JUDGE_TRIGGER,
    JUDGE_TRIGGER.judge ?? { shadow: false, test: { rule: 'robust-deviation', k: 5 } },
  ),
  judgedRule(
    'judge-robust-deviation',
    'judge: today’s rule and robust deviation (breaching periods > 5 scaled MADs above the baseline median)',
    MAD_TRIGGER,
    MAD_TRIGGER.judge ?? { shadow: false, test: { rule: 'robust-deviation', k: 5 } },
  ),
  canaryRule(
    'canary-vs-baseline',
    'canary vs baseline: new > 1.3 x old over the same period, 3 consecutive (synthetic side by side)',
    CANARY,
  ),
  NAIVE_RULE,
];

const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);

function cell(r: RuleResult['kinds'][number]): string {
  const delay =
    r.delaysSeconds.length === 0 ? '' : ` · ${(spread(r.delaysSeconds).median / 60).toFixed(0)} min`;
  return `${pct(r.detected, r.deployments)}${delay}`;
}

/** Whether a rule meets the goal against the threshold rule, in words. */
function goal(rule: RuleResult, threshold: RuleResult): string {
  const x2 = (r: RuleResult) => r.kinds.find((k) => k.kind === 'step-x2')?.detected ?? 0;
  const fpMet = rule.clean.rollbacks * 10 <= threshold.clean.rollbacks;
  const x2Met = x2(rule) >= x2(threshold);
  if (fpMet && x2Met) return 'met';
  const parts = [];
  if (!fpMet) {
    const ratio = threshold.clean.rollbacks / Math.max(1, rule.clean.rollbacks);
    const relative = ratio >= 1 ? `${ratio.toFixed(1)}x fewer, not 10x` : `${(1 / ratio).toFixed(1)}x more`;
    parts.push(
      `false rollbacks ${rule.clean.rollbacks} vs at most ${Math.floor(threshold.clean.rollbacks / 10)} (${relative})`,
    );
  }
  if (!x2Met) parts.push(`×2 detection ${x2(rule)} vs at least ${x2(threshold)}`);
  return `not met: ${parts.join('; ')}`;
}

export interface RecallBench {
  readonly section: Section;
  readonly results: readonly RuleResult[];
}

/** The recall table: every rule, clean and injected, and the labelled anomalies. */
export function recallSection(): RecallBench {
  const results = recall(RECALL_RULES);
  const threshold = results[0] as RuleResult;
  const rows = results.map((r) => [
    r.rule,
    `${r.clean.rollbacks} (${pct(r.clean.rollbacks, r.clean.deployments)})`,
    String(r.clean.inconclusive),
    ...r.kinds.map(cell),
    `${r.labelled.caught} of ${r.labelled.points}`,
    r === threshold ? '(reference)' : goal(r, threshold),
  ]);
  const deployments = threshold.clean.deployments;
  return {
    results,
    section: {
      title: `Watch: recall on regressions injected into real healthy history, beside false rollbacks (NAB realAWSCloudwatch, ${deployments} healthy deployments)`,
      header: [
        'rule',
        'false rollbacks (clean)',
        'INCONCLUSIVE (clean)',
        ...REGRESSIONS.map((k) => `${k.label}: detected · median delay`),
        'labelled anomalies caught',
        'goal: ≤ 1/10 false rollbacks, ≥ ×2 detection',
      ],
      rows,
      notes: [
        ...results.map((r) => `${r.rule}: ${r.label}.`),
        `Same deployments as the false-rollback table (every 2 hours, baseline and watch clear of labelled windows); 300 s periods, 60-minute watch and baseline, no lag. Each regression multiplies the real series from ${INJECT_AFTER_MS / 60_000} minutes into the watch on (seeded per deployment); detected = ROLLBACK after it started, delay from its start. A rule's false rollbacks also land in its detection column when they fall after the start (the naive rule's, mostly).`,
        `Labelled anomalies: a deployment ${LABEL_LEAD_MS / 60_000} minutes before each NAB labelled anomaly point, caught = ROLLBACK. These anomalies hit the whole service, not one version: canary vs baseline rightly ignores them (both sides see them).`,
        `Canary vs baseline: NAB records no two versions side by side, so both are the same real series with independent per-period lognormal noise (sigma ${CANARY_NOISE}), the regression in the new one only; its figures depend on that noise level.`,
        'Mann-Whitney needs its 9 periods before it can agree, so it cannot act in the first 45 minutes at 5-minute periods; it ignores bursts shorter than about half its sample by design. Robust deviation barely reduces false rollbacks: the healthy series that roll back shift their level for hours, far beyond their baseline spread.',
      ],
    },
  };
}
