import { NOT_PLAIN_TEXT, quoteAsGiven } from '../plain-text';
import type { HistoryEvent, HistoryEventKind } from './events';

/** Every kind of event the history holds: a file with another kind is not a history file. */
const KINDS: { readonly [K in HistoryEventKind]: true } = {
  gate: true,
  signoff: true,
  'watch-started': true,
  'watch-decided': true,
  abort: true,
  rollback: true,
};
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * What else the review relies on: a known kind, a time it can place in a quarter, and the service
 * and environment it prints, as plain text (a name with a bidi override or an escape sequence would
 * make the review read other than the history is). `undefined` when the event is sound.
 */
function problemOf(event: Partial<HistoryEvent>): string | undefined {
  if (!Object.hasOwn(KINDS, event.kind as string)) {
    return `has kind ${quoteAsGiven(event.kind)}; expected one of ${Object.keys(KINDS).join(', ')}`;
  }
  if (!ISO_TIME.test(event.at as string) || Number.isNaN(Date.parse(event.at as string))) {
    return `has at ${quoteAsGiven(event.at)}; expected an ISO 8601 time such as 2026-10-01T09:00:00Z`;
  }
  for (const field of ['service', 'environment'] as const) {
    const value = event[field];
    if (typeof value !== 'string' || value === '') {
      return `has ${field} ${quoteAsGiven(value)}; expected the ${field}'s name`;
    }
    if (NOT_PLAIN_TEXT.test(value)) {
      return `has ${field} ${quoteAsGiven(value)}; expected the ${field}'s name as plain text, without a control or format character`;
    }
  }
  return fieldProblem(event as HistoryEvent);
}

const isTime = (value: unknown) =>
  typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
const TIME_EXPECTED = 'expected an ISO 8601 time such as 2026-10-01T09:00:00Z';

/** Item id → status, as a gate records them. */
function isItems(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((status) => typeof status === 'string')
  );
}

/**
 * The fields of its kind the review computes with: a gate's items (each item's status), the commit
 * time (lead time), the deciding trigger (named in recommendations), a rollback's outcome and when
 * it completed (time to restore). A value of another type would stop the review (a TypeError) or
 * print NaN, a negative time or "[object Object]".
 */
function fieldProblem(event: HistoryEvent): string | undefined {
  const has = (field: string, value: unknown, expected: string) =>
    `has ${field} ${quoteAsGiven(value)}; ${expected}`;
  if (event.kind === 'gate' && !isItems(event.items)) {
    return has(
      'items',
      event.items,
      'expected the status of each item judged, such as {"security.ssl-certificates":"PASS"}',
    );
  }
  if (
    (event.kind === 'gate' || event.kind === 'watch-started') &&
    event.commitAt !== undefined &&
    !isTime(event.commitAt)
  ) {
    return has('commitAt', event.commitAt, TIME_EXPECTED);
  }
  if (event.kind === 'watch-decided' && event.trigger !== undefined && typeof event.trigger !== 'string') {
    return has('trigger', event.trigger, 'expected the id of the trigger that decided, such as error-rate');
  }
  if (event.kind === 'rollback') {
    if (typeof event.succeeded !== 'boolean')
      return has('succeeded', event.succeeded, 'expected true or false');
    if (event.completedAt !== undefined) {
      if (!isTime(event.completedAt)) return has('completedAt', event.completedAt, TIME_EXPECTED);
      if (Date.parse(event.completedAt) < Date.parse(event.at)) {
        return has(
          'completedAt',
          event.completedAt,
          `expected a time no earlier than its at (${new Date(event.at).toISOString()})`,
        );
      }
    }
  }
  return undefined;
}

/*
 * The history file: a JSON array of history events, exactly as the table stores them. `preflight
 * history export` writes it and `preflight review --events` reads it, so a review can run offline,
 * or elsewhere, on what the table held.
 */

/** A history file that is not one: names the file, the event and what is wrong with it. */
export class HistoryFileError extends Error {
  override readonly name = 'HistoryFileError';
}

/** The file's text for `events`: a JSON array, oldest first, one event per element. */
export function historyFileText(events: readonly HistoryEvent[]): string {
  return `${JSON.stringify(
    [...events].sort((a, b) => a.at.localeCompare(b.at)),
    null,
    2,
  )}\n`;
}

/**
 * The events of a history file, each checked for what the review relies on.
 * @param source names the file in errors.
 * @throws HistoryFileError naming the first bad event.
 */
export function parseHistoryFile(text: string, source: string): HistoryEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HistoryFileError(
      `${source}: expected a JSON array of history events (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (!Array.isArray(parsed))
    throw new HistoryFileError(`${source}: expected a JSON array of history events`);
  parsed.forEach((event, index) => {
    const problem = historyEventProblem(event);
    if (problem !== undefined) throw new HistoryFileError(`${source}: event [${index}] ${problem}`);
  });
  // The review places and orders events by their time's text, as the table writes it (UTC, Z): a
  // time written with an offset is the same instant, written that way.
  return (parsed as HistoryEvent[]).map((event) => ({ ...event, at: new Date(event.at).toISOString() }));
}

/**
 * What is wrong with `e` as a history event the review can judge (a file's element, or a table
 * item's event read back), in words that follow "event ...", or undefined when it is sound.
 */
export function historyEventProblem(e: unknown): string | undefined {
  const event = e as Partial<HistoryEvent> | null;
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof event.kind !== 'string' ||
    typeof event.at !== 'string' ||
    typeof event.service !== 'string'
  ) {
    return 'needs at least kind, at and service';
  }
  if (event.account !== undefined && !/^\d{12}$/.test(String(event.account))) {
    return `has account ${JSON.stringify(event.account)}; expected a 12-digit AWS account id, or no account (the account Preflight runs in)`;
  }
  if (event.region !== undefined && typeof event.region !== 'string') {
    return `has region ${JSON.stringify(event.region)}; expected a region name such as eu-west-1`;
  }
  return problemOf(event);
}
