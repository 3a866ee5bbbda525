import { isCalendarDay } from '../calendar-day';
import type { GateEvent, HistoryEvent, MuteRecord } from '../history/events';

/*
 * The quarter's mutes, from what the gates recorded applying: each mute once, with its reason, its
 * expiry and how long it has lived (from `since` when the configuration gives it, else from the
 * first gate of the quarter it muted), so that a mute meant as temporary is seen growing old.
 */

/** One mute as the review lists it. */
export interface MuteReview {
  readonly check: string;
  readonly resource: string;
  /** The reason the latest gate showed. */
  readonly reason: string;
  /** The expiry the latest gate showed. */
  readonly until: string;
  /** When it was granted, when the configuration said. */
  readonly since?: string;
  /** The first and last gate of the quarter it muted findings of. */
  readonly firstMuted: string;
  readonly lastMuted: string;
  /** Gate runs it muted findings in. */
  readonly gates: number;
  /** Whole days from `since` (else `firstMuted`) to `lastMuted`. */
  readonly daysLived: number;
}

/** A mute older than this is worth a sentence in the review's recommendations. */
export const OLD_MUTE_DAYS = 90;

const DAY_MS = 86_400_000;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A recorded mute the review can rely on; history read back from a table or file is checked. */
function isMuteRecord(value: unknown): value is MuteRecord {
  const m = value as Partial<MuteRecord> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    isText(m.check) &&
    isText(m.resource) &&
    isText(m.reason) &&
    isText(m.until) &&
    (m.since === undefined || isText(m.since))
  );
}

/**
 * A recorded `since` the age may count from: a calendar day no later than the day after the gate
 * that recorded it (the report allows one day for zones ahead of UTC). A later one (history written
 * before the report refused it, or by hand) would make the age negative, shown as 0, and the mute
 * never old: the age counts from the first gate instead.
 */
function grantedBy(since: string | undefined, gateAt: string): string | undefined {
  if (since === undefined || !isCalendarDay(since)) return undefined;
  const day = Date.parse(`${since}T00:00:00Z`);
  const gate = Date.parse(gateAt);
  if (Number.isNaN(day) || Number.isNaN(gate)) return undefined;
  return day <= gate + DAY_MS ? since : undefined;
}

/** The mutes the quarter's gates applied, oldest first. */
export function mutesReview(events: readonly HistoryEvent[]): MuteReview[] {
  const gates = events
    .filter((e): e is GateEvent => e.kind === 'gate')
    .sort((a, b) => a.at.localeCompare(b.at));
  const byMute = new Map<string, MuteReview>();
  for (const gate of gates) {
    const mutes = Array.isArray(gate.mutes) ? gate.mutes.filter(isMuteRecord) : [];
    for (const mute of mutes) {
      const key = `${mute.check} ${mute.resource}`;
      const seen = byMute.get(key);
      const since = grantedBy(mute.since, gate.at) ?? seen?.since;
      const firstMuted = seen?.firstMuted ?? gate.at;
      const start = Date.parse(since === undefined ? firstMuted : `${since}T00:00:00Z`);
      byMute.set(key, {
        check: mute.check,
        resource: mute.resource,
        reason: mute.reason,
        until: mute.until,
        ...(since === undefined ? {} : { since }),
        firstMuted,
        lastMuted: gate.at,
        gates: (seen?.gates ?? 0) + 1,
        daysLived: Math.max(0, Math.floor((Date.parse(gate.at) - start) / DAY_MS)),
      });
    }
  }
  return [...byMute.values()].sort((a, b) => b.daysLived - a.daysLived || a.check.localeCompare(b.check));
}
