import type { HistoryEvent, WatchDecidedEvent } from '../history/events';
import type { RecordedTriggerOutcome } from '../watch/recorded-readings';
import { breaches, combineThreshold, type ThresholdParts } from '../watch/threshold';

/** Threshold multipliers the review replays each trigger at: for a `>` trigger tighter below 1 and looser above, for `<` the reverse. */
export const SWEEP_MULTIPLIERS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export interface SweepRow {
  readonly multiplier: number;
  /** Watches that were rolled back (by any trigger or by hand) where the trigger would have fired. */
  readonly caughtBad: number;
  /** Watches that proceeded where the trigger would have fired: false rollbacks. */
  readonly falseAlarms: number;
}

export interface TriggerSweep {
  readonly triggerId: string;
  /** Watches that recorded this trigger's readings. */
  readonly watches: number;
  readonly rolledBack: number;
  readonly proceeded: number;
  readonly rows: readonly SweepRow[];
  /** The multiplier that catches the most bad releases with the fewest false rollbacks (nearest 1 on a tie). */
  readonly suggestedMultiplier: number;
}

/**
 * Each judged period's breach at `threshold`, in order, as the watch judged it: a period with a value
 * is compared; one without (marked by the `missingData` policy) breached or passed whatever the
 * threshold; one not judged (no data, too little traffic, invalid data) is skipped.
 */
function judgedBreaches(outcome: RecordedTriggerOutcome, threshold: number): boolean[] {
  return outcome.readings.flatMap((value, index) => {
    const mark = outcome.marks?.[index];
    if (value !== null) return [breaches(value, outcome.comparison, threshold)];
    return mark === 'B' ? [true] : mark === 'P' ? [false] : [];
  });
}

/**
 * The threshold a watch whose `threshold` was `multiplier` x the configured one would have compared
 * with: the scaled part moves, the floor and the worsening limit stay (a record written before the
 * parts were recorded scales its effective threshold).
 */
export function thresholdAt(outcome: RecordedTriggerOutcome, multiplier: number): number {
  const parts = outcome.thresholdParts;
  if (parts === undefined) return (outcome.threshold as number) * multiplier;
  return combineThreshold(outcome.comparison, { ...parts, raw: parts.raw * multiplier });
}

/** Whether the trigger's window rule holds anywhere in the readings at `threshold`, compared as the watch compares. */
export function wouldFire(outcome: RecordedTriggerOutcome, threshold: number): boolean {
  const window = outcome.critical ? { breaching: 1, of: 1 } : outcome.window;
  const last: boolean[] = [];
  for (const breach of judgedBreaches(outcome, threshold)) {
    last.push(breach);
    if (last.length > window.of) last.shift();
    if (last.filter(Boolean).length >= window.breaching) return true;
  }
  return false;
}

const COMPARISONS: ReadonlySet<unknown> = new Set(['>', '>=', '<', '<=']);

function isWindow(window: unknown): window is RecordedTriggerOutcome['window'] {
  const { breaching, of } = (window ?? {}) as { breaching?: unknown; of?: unknown };
  return (
    Number.isInteger(breaching) &&
    Number.isInteger(of) &&
    (breaching as number) >= 1 &&
    (breaching as number) <= (of as number)
  );
}

function isParts(parts: unknown): parts is ThresholdParts {
  const { raw, floor, worsening } = (parts ?? {}) as Partial<Record<keyof ThresholdParts, unknown>>;
  const limit = (v: unknown) => v === null || Number.isFinite(v);
  return Number.isFinite(raw) && limit(floor) && limit(worsening);
}

/**
 * A trigger's record as the watch wrote it, or `undefined`: a history file is input, and a record
 * that could not have come from a watch (no window, an unknown comparison, a reading that is not a
 * number) is left out of the sweep rather than replayed by a rule no watch applies.
 */
function recorded(event: WatchDecidedEvent, triggerId: string): RecordedTriggerOutcome | undefined {
  const outcome = event.outcomes?.[triggerId] as Partial<RecordedTriggerOutcome> | undefined;
  if (
    !outcome ||
    !Array.isArray(outcome.readings) ||
    !outcome.readings.every((v) => v === null || Number.isFinite(v)) ||
    (outcome.marks !== undefined &&
      (typeof outcome.marks !== 'string' ||
        outcome.marks.length !== outcome.readings.length ||
        !/^[BPMLG-]*$/.test(outcome.marks))) ||
    !Number.isFinite(outcome.threshold) ||
    (outcome.thresholdParts !== undefined && !isParts(outcome.thresholdParts)) ||
    !COMPARISONS.has(outcome.comparison) ||
    !isWindow(outcome.window)
  ) {
    return undefined;
  }
  return outcome as RecordedTriggerOutcome;
}

/** A trigger whose recorded watches the sweep leaves out, and why. */
export interface UnreplayedTrigger {
  readonly triggerId: string;
  readonly watches: number;
  readonly reason: string;
}

/**
 * Why the sweep cannot replay a trigger's record as the watch judged it, or `null`. A deciding
 * statistical judge had to agree before a breach counted, and its reference values are not in the
 * record; a trigger against the old version compared each period with that period's old value,
 * which the record does not keep either. Replaying the threshold rule alone would say "fired" where
 * the watch did not, so such watches are named, not replayed.
 */
function notReplayable(outcome: Partial<RecordedTriggerOutcome>): string | null {
  if (typeof outcome.marks === 'string' && outcome.marks.includes('G')) {
    return 'a step caught up on more periods than the record keeps (after an outage), and the periods between are not known';
  }
  if (outcome.versus === true) {
    return "judged against the old version's value of each period, which the record does not keep";
  }
  // Records written before `judge` was recorded: a verdict that was not in shadow came from a deciding judge.
  const judge =
    outcome.judge ?? (outcome.verdict && !outcome.verdict.shadow ? outcome.verdict.rule : undefined);
  return judge === undefined
    ? null
    : `decided with a statistical judge (${judge}), which had to agree before a breach counted; its reference values are not recorded, and the threshold rule alone is not what the watch decided`;
}

function decidedWatches(events: readonly HistoryEvent[]): WatchDecidedEvent[] {
  return events.filter(
    (e): e is WatchDecidedEvent =>
      e.kind === 'watch-decided' && (e.decision === 'ROLLBACK' || e.decision === 'PROCEED'),
  );
}

/** The triggers whose watches the sweep leaves out (see `notReplayable`), with how many and why. */
export function unreplayedTriggers(events: readonly HistoryEvent[]): UnreplayedTrigger[] {
  const counts = new Map<string, { watches: number; reason: string }>();
  for (const event of decidedWatches(events)) {
    for (const [triggerId, outcome] of Object.entries(event.outcomes ?? {})) {
      const reason = notReplayable((outcome ?? {}) as Partial<RecordedTriggerOutcome>);
      if (reason === null) continue;
      const before = counts.get(triggerId);
      counts.set(triggerId, { watches: (before?.watches ?? 0) + 1, reason: before?.reason ?? reason });
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([triggerId, { watches, reason }]) => ({ triggerId, watches, reason }));
}

/**
 * Replays every trigger of the quarter's watches at tighter and looser thresholds: how many bad
 * releases each would have caught, and how many healthy ones it would have rolled back.
 */
export function sweepTriggers(events: readonly HistoryEvent[]): TriggerSweep[] {
  const decided = decidedWatches(events);
  const triggerIds = [...new Set(decided.flatMap((e) => Object.keys(e.outcomes ?? {})))].sort();
  return triggerIds.flatMap((triggerId) => {
    const watches = decided.flatMap((e) => {
      const outcome = recorded(e, triggerId);
      return outcome && notReplayable(outcome) === null ? [{ bad: e.decision === 'ROLLBACK', outcome }] : [];
    });
    if (watches.length === 0) return [];
    const rows = SWEEP_MULTIPLIERS.map((multiplier) => {
      const fired = watches.filter((w) => wouldFire(w.outcome, thresholdAt(w.outcome, multiplier)));
      return {
        multiplier,
        caughtBad: fired.filter((w) => w.bad).length,
        falseAlarms: fired.filter((w) => !w.bad).length,
      };
    });
    const score = (r: SweepRow) => r.caughtBad - r.falseAlarms;
    const best = [...rows].sort(
      (a, b) => score(b) - score(a) || Math.abs(a.multiplier - 1) - Math.abs(b.multiplier - 1),
    )[0];
    return [
      {
        triggerId,
        watches: watches.length,
        rolledBack: watches.filter((w) => w.bad).length,
        proceeded: watches.filter((w) => !w.bad).length,
        rows,
        suggestedMultiplier: best?.multiplier ?? 1,
      },
    ];
  });
}
