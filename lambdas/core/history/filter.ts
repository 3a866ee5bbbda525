import type { HistoryEvent } from './events';

/**
 * Stands for the account Preflight runs in where an event names no account: the history table
 * indexes such events under this value, and a filter may ask for them by it.
 */
export const HOME_ACCOUNT = 'home';

/** Which events to read: every criterion given must match; none given is everything. */
export interface HistoryFilter {
  readonly service?: string;
  readonly environment?: string;
  /** A 12-digit account id, or {@link HOME_ACCOUNT} for the events that name no account. */
  readonly account?: string;
}

/** The account an event is indexed and grouped under. */
export function accountOf(event: Pick<HistoryEvent, 'account'>): string {
  return event.account ?? HOME_ACCOUNT;
}

/** Whether `event` matches every criterion of `filter`. */
export function matchesFilter(event: HistoryEvent, filter: HistoryFilter): boolean {
  return (
    (filter.service === undefined || event.service === filter.service) &&
    (filter.environment === undefined || event.environment === filter.environment) &&
    (filter.account === undefined || accountOf(event) === filter.account)
  );
}
