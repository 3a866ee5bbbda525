import type { JudgeTest, TriggerDefinition, TriggerOutcome, WatchState } from './model';
import { type ThresholdParts, thresholdParts } from './threshold';

/** Every judged period's value of one trigger over a watch, oldest first (`null`: not eligible or missing). */
export interface TriggerReadings {
  /** Start of the last period appended. */
  readonly lastStartMs: number;
  readonly values: readonly (number | null)[];
  /**
   * Each period's mark, one character per value (`B`, `P`, `M`, `L`): a period without data the
   * watch judged by its `missingData` policy has no value but counted as breaching or passing. `G`
   * stands for periods the watch judged but the record lost (a step that caught up on more than
   * `STEP_PERIODS_KEPT` periods): what they were is not known.
   */
  readonly marks?: string;
}

export type WatchReadings = Readonly<Record<string, TriggerReadings>>;

/** Upper bound per trigger: a day of one-minute periods, so the record stays small. */
export const MAX_READINGS = 1440;

/**
 * Appends the periods the last step judged to the record of the watch, so the quarterly review can
 * replay each trigger at other thresholds. The core's state keeps only recent periods; this keeps
 * them all, bounded by {@link MAX_READINGS}. (A step that catches up on more periods than the
 * core keeps as recent, after an outage, records only those recent ones.)
 */
export function appendReadings(
  previous: WatchReadings | undefined,
  state: WatchState,
  periodMs: number,
): WatchReadings {
  const next: Record<string, TriggerReadings> = { ...(previous ?? {}) };
  for (const [triggerId, trigger] of Object.entries(state.triggers)) {
    const before = next[triggerId] ?? { lastStartMs: Number.NEGATIVE_INFINITY, values: [] };
    const fresh = trigger.recent.filter((p) => p.startMs > before.lastStartMs);
    if (fresh.length === 0) {
      next[triggerId] = before;
      continue;
    }
    // Periods judged between the record's last one and the first fresh one were lost: one `G` says so.
    const first = fresh[0]?.startMs ?? 0;
    const hole = before.values.length > 0 && first > before.lastStartMs + periodMs;
    const values = [
      ...before.values,
      ...(hole ? [null] : []),
      ...fresh.map((p) => (p.mark === 'B' || p.mark === 'P' ? p.value : null)),
    ];
    // Older records have no marks: their periods are marked by their value alone.
    const marks = `${before.marks ?? before.values.map((v) => (v === null ? 'M' : '-')).join('')}${hole ? 'G' : ''}${fresh.map((p) => p.mark).join('')}`;
    next[triggerId] = {
      lastStartMs: fresh[fresh.length - 1]?.startMs ?? before.lastStartMs,
      values: values.slice(-MAX_READINGS),
      marks: marks.slice(-MAX_READINGS),
    };
  }
  return next;
}

/** What the history keeps of a trigger at the end of a watch: enough to replay it at other thresholds. */
export interface RecordedTriggerOutcome {
  readonly status: TriggerOutcome['status'];
  readonly reason: string;
  /** The effective threshold at the end (after baseline, floor and worsening). */
  readonly threshold: number | null;
  /**
   * What the threshold is made of: the part a change of `threshold` scales, and the floor and the
   * worsening limit, which do not move with it (absent in records written before it, and for a
   * trigger judged against the old version's value of each period).
   */
  readonly thresholdParts?: ThresholdParts;
  readonly comparison: TriggerDefinition['comparison'];
  readonly window: TriggerDefinition['window'];
  readonly critical: boolean;
  readonly shadow: boolean;
  readonly readings: readonly (number | null)[];
  /** Each reading's mark (see `TriggerReadings.marks`); absent in records written before marks. */
  readonly marks?: string;
  /** The statistical judge's last verdict, when the trigger has a judge and its window held. */
  readonly verdict?: TriggerOutcome['verdict'];
  /** The trigger's deciding statistical judge (absent: none, or one in shadow): a breach counted only when it agreed. */
  readonly judge?: JudgeTest['rule'];
  /** The trigger compared each period with the old version's value of that period (`versus`). */
  readonly versus?: true;
}

/** The per-trigger record of a finished watch, for its `watch-decided` history event. */
export function recordOutcomes(
  outcomes: readonly TriggerOutcome[],
  triggers: readonly TriggerDefinition[],
  readings: WatchReadings | undefined,
): Record<string, RecordedTriggerOutcome> {
  return Object.fromEntries(
    outcomes.map((o) => {
      const definition = triggers.find((t) => t.id === o.triggerId);
      const parts =
        definition === undefined || o.threshold === null ? null : thresholdParts(definition, o.baseline);
      return [
        o.triggerId,
        {
          status: o.status,
          reason: o.reason,
          threshold: o.threshold,
          ...(parts === null ? {} : { thresholdParts: parts }),
          comparison: o.comparison,
          window: definition?.window ?? { breaching: o.neededPeriods, of: o.neededPeriods },
          critical: o.critical,
          shadow: o.shadow,
          readings: readings?.[o.triggerId]?.values ?? [],
          ...(readings?.[o.triggerId]?.marks === undefined ? {} : { marks: readings[o.triggerId]?.marks }),
          ...(o.verdict === null ? {} : { verdict: o.verdict }),
          ...(definition?.judge && !definition.judge.shadow ? { judge: definition.judge.test.rule } : {}),
          ...(definition?.versus ? { versus: true as const } : {}),
        },
      ];
    }),
  );
}
