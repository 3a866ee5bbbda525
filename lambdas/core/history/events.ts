/*
 * The history Preflight keeps: one event per thing that happened to a deployment. The gate and
 * the watch write them; DORA metrics, checklist effectiveness and the quarterly review read them.
 * Every event is plain JSON; times are ISO 8601 strings. Fields added later are optional, so every
 * event ever recorded still reads as one.
 */

interface EventBase {
  /** Unique per event, e.g. the run id plus the event kind. */
  readonly id: string;
  readonly at: string;
  /** The service (`services.<name>`), or `account` for the implicit service (the whole account). */
  readonly service: string;
  /** The environment (`environments.<name>`), or `default` when none are configured. */
  readonly environment: string;
  readonly deploymentId: string;
  /**
   * The AWS account the deployment ran in. Absent: the account Preflight runs in (an environment
   * that names no account, or an event recorded before accounts were).
   */
  readonly account?: string;
  /** The AWS region the deployment ran in. Absent: the region Preflight runs in. */
  readonly region?: string;
}

/** A gate run finished: its verdict and the status of every item it judged. */
export interface GateEvent extends EventBase {
  readonly kind: 'gate';
  readonly runId: string;
  readonly verdict: 'PASS' | 'FAIL' | 'ERROR';
  /** Item id → status (PASS, WARN, FAIL, ERROR, SKIPPED, NOT_RUN). */
  readonly items: Readonly<Record<string, string>>;
  /** The deployment window was overridden, with this reason. */
  readonly windowOverride?: string;
  /** Who overrode the window (the principal AWS authenticated). */
  readonly windowOverrideBy?: string;
  /** When the change was committed, if the pipeline said (for lead time). */
  readonly commitAt?: string;
  /** The configured mutes that muted findings of this run (for the review's list of mutes and their age). */
  readonly mutes?: readonly MuteRecord[];
}

/** A configured mute as a gate recorded applying it. */
export interface MuteRecord {
  readonly check: string;
  /** The mute's `resource`: an ARN, a glob or `tag:Key=Value`. */
  readonly resource: string;
  readonly reason: string;
  readonly until: string;
  readonly since?: string;
  /** How many findings of the run it muted. */
  readonly findings: number;
}

/** A sign-off answered (or timed out) during a gate. */
export interface SignoffEvent extends EventBase {
  readonly kind: 'signoff';
  readonly runId: string;
  readonly role: string;
  readonly approved: boolean;
  readonly by?: string;
  readonly reason?: string;
}

/** A deployment watch started. */
export interface WatchStartedEvent extends EventBase {
  readonly kind: 'watch-started';
  readonly runId: string;
  readonly commitAt?: string;
  /** Baseline summary per trigger: median, p95, sample count. */
  readonly baseline?: Readonly<Record<string, unknown>>;
}

/** A deployment watch decided. */
export interface WatchDecidedEvent extends EventBase {
  readonly kind: 'watch-decided';
  readonly runId: string;
  readonly decision: 'PROCEED' | 'ROLLBACK' | 'INCONCLUSIVE';
  /** The trigger that decided a ROLLBACK, or `manual-abort`. */
  readonly trigger?: string;
  readonly reason?: string;
  /** Per trigger: the final outcome and its key values. */
  readonly outcomes?: Readonly<Record<string, unknown>>;
}

/** Someone aborted a deployment by hand. */
export interface AbortEvent extends EventBase {
  readonly kind: 'abort';
  readonly runId: string;
  readonly reasonCode: string;
  readonly text: string;
  readonly by?: string;
}

/** The rollback action ran (or failed). */
export interface RollbackEvent extends EventBase {
  readonly kind: 'rollback';
  readonly runId: string;
  readonly action: string;
  readonly succeeded: boolean;
  readonly completedAt?: string;
  readonly detail?: string;
}

export type HistoryEvent =
  | GateEvent
  | SignoffEvent
  | WatchStartedEvent
  | WatchDecidedEvent
  | AbortEvent
  | RollbackEvent;
export type HistoryEventKind = HistoryEvent['kind'];

/** `2026Q4` for a time in October to December 2026 (UTC). */
export function quarterOf(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** What a quarter looks like, where one is asked for. */
export const QUARTER_HINT = 'expected a quarter such as 2026Q4, from 1970Q1';

/**
 * Whether `value` names a quarter Preflight can have history of: `YYYYQn`, from 1970. A year below
 * 100 would be read by JavaScript dates as 1900 plus it (`0026Q4` reviewing 1926).
 */
export function isQuarter(value: string): boolean {
  const match = /^(\d{4})Q[1-4]$/.exec(value);
  return match !== null && Number(match[1]) >= 1970;
}

/** First instant of the quarter and of the next one, for range queries. */
export function quarterRange(quarter: string): { from: Date; to: Date } {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (match === null || !isQuarter(quarter)) throw new RangeError(`${QUARTER_HINT}, got "${quarter}"`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  return { from: new Date(Date.UTC(year, (q - 1) * 3, 1)), to: new Date(Date.UTC(year, q * 3, 1)) };
}
