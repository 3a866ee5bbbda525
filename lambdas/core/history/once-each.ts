import type { HistoryEvent } from './events';

/*
 * The same event can reach the history more than once: a redriven gate execution records its gate
 * event again (the same id, a later time), a recording step retried after a timeout writes its
 * event again, and exports of overlapping ranges joined into one file repeat the overlap. What
 * happened once is counted once.
 */

/** The event's time as the table writes it (UTC, `Z`, milliseconds): a time written with an offset is the same instant. */
export function inUtc(event: HistoryEvent): HistoryEvent {
  const at = new Date(event.at).toISOString();
  return at === event.at ? event : { ...event, at };
}

/** What makes two recordings the same event: its id, within its kind and deployment. */
function identityOf(event: HistoryEvent): string | undefined {
  const id = (event as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '') return undefined;
  return [event.kind, event.service, event.environment, event.deploymentId, id].join('\u0000');
}

/**
 * `events` with each event once, oldest first: of the recordings of one event (the same kind,
 * service, environment, deployment and id) the latest, the one a redrive or retry finished with.
 * Events without an id (written by hand) are each their own.
 */
export function onceEach(events: readonly HistoryEvent[]): HistoryEvent[] {
  const latest = new Map<string, HistoryEvent>();
  const anonymous: HistoryEvent[] = [];
  for (const event of events) {
    const identity = identityOf(event);
    if (identity === undefined) {
      anonymous.push(event);
      continue;
    }
    const seen = latest.get(identity);
    if (seen === undefined || Date.parse(event.at) >= Date.parse(seen.at)) latest.set(identity, event);
  }
  return [...latest.values(), ...anonymous].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
