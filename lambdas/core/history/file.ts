import type { HistoryEvent } from './events';

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
  parsed.forEach((e, index) => {
    const event = e as Partial<HistoryEvent>;
    if (
      typeof event?.kind !== 'string' ||
      typeof event.at !== 'string' ||
      typeof event.service !== 'string'
    ) {
      throw new HistoryFileError(`${source}: event [${index}] needs at least kind, at and service`);
    }
    if (event.account !== undefined && !/^\d{12}$/.test(String(event.account))) {
      throw new HistoryFileError(
        `${source}: event [${index}] has account ${JSON.stringify(event.account)}; expected a 12-digit AWS account id, or no account (the account Preflight runs in)`,
      );
    }
    if (event.region !== undefined && typeof event.region !== 'string') {
      throw new HistoryFileError(
        `${source}: event [${index}] has region ${JSON.stringify(event.region)}; expected a region name such as eu-west-1`,
      );
    }
  });
  return parsed as HistoryEvent[];
}
