import type { HistoryEvent } from '../history/events';
import { quarterRange } from '../history/events';
import { inUtc, onceEach } from '../history/once-each';
import { type DeploymentRecord, deployedAt, deploymentsFrom, wasDeployed } from './deployments';
import { type DoraMetrics, doraMetrics } from './dora';
import { checklistEffectiveness, type Effectiveness } from './effectiveness';
import { type MuteReview, mutesReview, OLD_MUTE_DAYS } from './mutes';
import { sweepTriggers, type TriggerSweep, type UnreplayedTrigger, unreplayedTriggers } from './triggers';

/** The account and region Preflight runs in: what an event that names none is shown as. */
export interface HomeLocation {
  readonly account?: string;
  readonly region?: string;
}

/** How an event without an account or region is shown when Preflight's own are not known. */
export const PREFLIGHT_ACCOUNT_LABEL = "Preflight's account";
export const PREFLIGHT_REGION_LABEL = "Preflight's region";

/** One service in one environment: where it ran, and its DORA metrics. */
export interface ServiceReview {
  readonly service: string;
  readonly environment: string;
  /** The accounts its deployments ran in (Preflight's own for those that name none). */
  readonly accounts: readonly string[];
  /** The regions its deployments ran in (Preflight's own for those that name none). */
  readonly regions: readonly string[];
  readonly metrics: DoraMetrics;
}

/** One week of the quarter: deployments that went out, and how many of them were rolled back. */
export interface WeekMetrics {
  /** The week's first day, `YYYY-MM-DD`. */
  readonly from: string;
  readonly deployments: number;
  readonly failures: number;
  /** failures ÷ deployments, or null without deployments. */
  readonly changeFailureRate: number | null;
}

const WEEK_MS = 7 * 86_400_000;

/** 7-day weeks from `from` up to `to` (the last one possibly shorter), each deployment in its week. */
function weeklyMetrics(records: readonly DeploymentRecord[], from: Date, to: Date): WeekMetrics[] {
  const weeks: { from: string; deployments: number; failures: number }[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += WEEK_MS) {
    weeks.push({ from: new Date(start).toISOString().slice(0, 10), deployments: 0, failures: 0 });
  }
  for (const record of records.filter(wasDeployed)) {
    const at = deployedAt(record);
    if (at === undefined) continue;
    const week = weeks[Math.floor((new Date(at).getTime() - from.getTime()) / WEEK_MS)];
    if (week === undefined) continue;
    week.deployments += 1;
    if (record.decision === 'ROLLBACK') week.failures += 1;
  }
  return weeks.map((w) => ({
    ...w,
    changeFailureRate: w.deployments === 0 ? null : w.failures / w.deployments,
  }));
}

/** The quarterly checklist review: what the quarter's history teaches. Plain JSON. */
export interface QuarterlyReview {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  /**
   * The end of the time the review covers: `to`, or the review's time while the quarter is under
   * way (rates per week count the days gone by, and the weeks listed are those begun).
   */
  readonly through: string;
  readonly generatedAt: string;
  readonly events: number;
  readonly overall: DoraMetrics;
  /** Deployments and change failure rate week by week (7-day weeks from the quarter's first day). */
  readonly weekly: readonly WeekMetrics[];
  /** Per service and environment, with the accounts and regions it ran in. */
  readonly byService: readonly ServiceReview[];
  readonly effectiveness: Effectiveness;
  /** Each trigger replayed over the quarter's recorded watches at tighter and looser thresholds. */
  readonly triggerSweeps: readonly TriggerSweep[];
  /** Triggers whose watches the sweep cannot replay as the watch judged them (a deciding statistical judge, `versus`). */
  readonly triggersNotReplayed: readonly UnreplayedTrigger[];
  /** The mutes the quarter's gates applied, with how long each has lived, oldest first. */
  readonly mutes: readonly MuteReview[];
  /** Plain-language conclusions, most important first. */
  readonly recommendations: readonly string[];
}

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${Math.round(rate * 1000) / 10}%`;
}

function recommendations(
  overall: DoraMetrics,
  effectiveness: Effectiveness,
  sweeps: readonly TriggerSweep[],
  mutes: readonly MuteReview[] = [],
): string[] {
  const out: string[] = [];
  const oldMutes = mutes
    .filter((m) => m.daysLived >= OLD_MUTE_DAYS)
    .map(
      (m) =>
        `The mute of ${m.check} ${m.resource} has lived ${m.daysLived} days (${m.reason}): fix what it hides, or say again why it stays.`,
    );
  if (overall.deployments === 0)
    return [
      'No deployments were recorded this quarter: check that pipelines call the gate and the watch.',
      ...oldMutes,
    ];
  if ((overall.changeFailureRate ?? 0) > 0.15) {
    out.push(
      `Change failure rate is ${percent(overall.changeFailureRate)}, above the 15% that high performers keep under.`,
    );
  }
  for (const pattern of effectiveness.incidentPatterns.slice(0, 3)) {
    // A WARN lets the gate pass, so blocking on it is the change; a FAIL or ERROR already blocks.
    out.push(
      pattern.onlyWarned
        ? `${pattern.itemId} warned within 24 h before ${pattern.rollbacks} rollback(s), and a warning does not block: make it block the gate (fail it, or set gate.warnBlocks).`
        : `${pattern.itemId} failed or errored within 24 h before ${pattern.rollbacks} rollback(s), yet it already blocks the gate: find out how those deployments went out past it.`,
    );
  }
  for (const itemId of effectiveness.failsOften)
    out.push(`${itemId} fails often: fix the cause upstream rather than at every gate.`);
  for (const [trigger, n] of Object.entries(effectiveness.triggersFired)) {
    out.push(
      `Trigger ${trigger} decided ${n} rollback(s): backtest it (preflight backtest) before tightening or loosening it.`,
    );
  }
  for (const sweep of sweeps.filter((s) => s.suggestedMultiplier !== 1)) {
    const now = sweep.rows.find((r) => r.multiplier === 1);
    const then = sweep.rows.find((r) => r.multiplier === sweep.suggestedMultiplier);
    if (!now || !then) continue;
    out.push(
      `Trigger ${sweep.triggerId} at ${sweep.suggestedMultiplier}x its threshold would have caught ${then.caughtBad} of ${sweep.rolledBack} rolled-back release(s) with ${then.falseAlarms} false rollback(s), against ${now.caughtBad} and ${now.falseAlarms} today.`,
    );
  }
  out.push(...oldMutes);
  if (effectiveness.neverFailed.length > 0) {
    out.push(
      `${effectiveness.neverFailed.length} item(s) never failed or warned: consider simplifying them or automating them further.`,
    );
  }
  return out;
}

const distinct = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * Builds the review of `quarter` (e.g. `2026Q4`) from the history events that fall in it. `home`
 * names the account and region Preflight runs in, shown for events that name none.
 */
export function buildQuarterlyReview(
  quarter: string,
  events: readonly HistoryEvent[],
  now: Date,
  home: HomeLocation = {},
): QuarterlyReview {
  const { from, to } = quarterRange(quarter);
  // Times compared as the table writes them (UTC), each event once however often it was recorded.
  const inQuarter = onceEach(events.map(inUtc)).filter(
    (e) => e.at >= from.toISOString() && e.at < to.toISOString(),
  );
  // A quarter still under way is reviewed up to now: its weeks to come are no weeks without deployments.
  const through = now > from && now < to ? now : to;
  const days = (through.getTime() - from.getTime()) / 86_400_000;
  const records = deploymentsFrom(inQuarter);
  const scopes = [...new Set(records.map((r) => `${r.service}\u0000${r.environment}`))].sort();
  const overall = doraMetrics(records, days);
  const effectiveness = checklistEffectiveness(inQuarter);
  const triggerSweeps = sweepTriggers(inQuarter);
  const mutes = mutesReview(inQuarter);
  return {
    quarter,
    from: from.toISOString(),
    to: to.toISOString(),
    through: through.toISOString(),
    generatedAt: now.toISOString(),
    events: inQuarter.length,
    overall,
    weekly: weeklyMetrics(records, from, through),
    byService: scopes.map((scope): ServiceReview => {
      const [service, environment] = scope.split('\u0000') as [string, string];
      const own = records.filter((r) => r.service === service && r.environment === environment);
      return {
        service,
        environment,
        accounts: distinct(own.map((r) => r.account ?? home.account ?? PREFLIGHT_ACCOUNT_LABEL)),
        regions: distinct(own.map((r) => r.region ?? home.region ?? PREFLIGHT_REGION_LABEL)),
        metrics: doraMetrics(own, days, records),
      };
    }),
    effectiveness,
    triggerSweeps,
    triggersNotReplayed: unreplayedTriggers(inQuarter),
    mutes,
    recommendations: recommendations(overall, effectiveness, triggerSweeps, mutes),
  };
}

/** The quarter before the one `now` falls in: what a review run at the start of a quarter looks back on. */
export function previousQuarter(now: Date): string {
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}Q4` : `${now.getUTCFullYear()}Q${q}`;
}

export { percent };
