import type { GateEvent, HistoryEvent, WatchDecidedEvent } from '../history/events';

/** How one checklist item fared over the period. */
export interface ItemEffectiveness {
  readonly itemId: string;
  /** Gate runs that judged the item (NOT_RUN and SKIPPED do not count). */
  readonly evaluated: number;
  readonly failed: number;
  readonly errored: number;
  readonly warned: number;
  /** Runs that passed the item only through an override (the deployment window). */
  readonly overridden: number;
}

export interface IncidentPattern {
  readonly itemId: string;
  /** Rollbacks preceded within 24 h by a gate run where this item failed, errored or warned. */
  readonly rollbacks: number;
  /**
   * In every one of those gate runs the item only warned: it did not block them. Otherwise it failed
   * or errored in at least one, and so already blocked that run.
   */
  readonly onlyWarned: boolean;
}

export interface Effectiveness {
  readonly items: readonly ItemEffectiveness[];
  /**
   * Evaluated and never failed, errored or warned (so never an incident pattern): candidates to
   * simplify or automate further.
   */
  readonly neverFailed: readonly string[];
  /** Failed in at least a quarter of at least four evaluations: candidates for an upstream fix. */
  readonly failsOften: readonly string[];
  readonly incidentPatterns: readonly IncidentPattern[];
  /** Rollback triggers and how often each decided a rollback. */
  readonly triggersFired: Readonly<Record<string, number>>;
}

const DAY_MS = 86_400_000;
const WINDOW_ITEM = 'final.deployment-window';

/** Per-item and per-trigger statistics of the checklist over the events of a period. */
export function checklistEffectiveness(events: readonly HistoryEvent[]): Effectiveness {
  const gates = events.filter((e): e is GateEvent => e.kind === 'gate');
  const rollbacks = events.filter(
    (e): e is WatchDecidedEvent => e.kind === 'watch-decided' && e.decision === 'ROLLBACK',
  );
  const stats = new Map<
    string,
    { evaluated: number; failed: number; errored: number; warned: number; overridden: number }
  >();
  for (const gate of gates) {
    for (const [itemId, status] of Object.entries(gate.items)) {
      if (status === 'NOT_RUN' || status === 'SKIPPED') continue;
      const s = stats.get(itemId) ?? { evaluated: 0, failed: 0, errored: 0, warned: 0, overridden: 0 };
      s.evaluated += 1;
      if (status === 'FAIL') s.failed += 1;
      if (status === 'ERROR') s.errored += 1;
      if (status === 'WARN') s.warned += 1;
      if (itemId === WINDOW_ITEM && gate.windowOverride !== undefined) s.overridden += 1;
      stats.set(itemId, s);
    }
  }
  const items = [...stats.entries()]
    .map(([itemId, s]) => ({ itemId, ...s }))
    .sort((a, b) => a.itemId.localeCompare(b.itemId));

  const patterns = new Map<string, { rollbacks: number; onlyWarned: boolean }>();
  for (const rollback of rollbacks) {
    const end = new Date(rollback.at).getTime();
    const before = gates.filter(
      (g) =>
        g.service === rollback.service &&
        g.environment === rollback.environment &&
        new Date(g.at).getTime() <= end &&
        new Date(g.at).getTime() >= end - DAY_MS,
    );
    // Item id → whether it only warned in the gate runs before this rollback.
    const suspicious = new Map<string, boolean>();
    for (const gate of before) {
      for (const [itemId, status] of Object.entries(gate.items)) {
        if (status !== 'FAIL' && status !== 'ERROR' && status !== 'WARN') continue;
        suspicious.set(itemId, (suspicious.get(itemId) ?? true) && status === 'WARN');
      }
    }
    for (const [itemId, onlyWarned] of suspicious) {
      const pattern = patterns.get(itemId) ?? { rollbacks: 0, onlyWarned: true };
      patterns.set(itemId, {
        rollbacks: pattern.rollbacks + 1,
        onlyWarned: pattern.onlyWarned && onlyWarned,
      });
    }
  }

  const triggersFired: Record<string, number> = {};
  for (const rollback of rollbacks) {
    const trigger = rollback.trigger ?? 'unknown';
    triggersFired[trigger] = (triggersFired[trigger] ?? 0) + 1;
  }

  return {
    items,
    neverFailed: items
      .filter((i) => i.failed + i.errored + i.warned === 0 && !patterns.has(i.itemId))
      .map((i) => i.itemId),
    failsOften: items.filter((i) => i.evaluated >= 4 && i.failed / i.evaluated >= 0.25).map((i) => i.itemId),
    incidentPatterns: [...patterns.entries()]
      .map(([itemId, p]) => ({ itemId, ...p }))
      .sort((a, b) => b.rollbacks - a.rollbacks || a.itemId.localeCompare(b.itemId)),
    triggersFired,
  };
}
