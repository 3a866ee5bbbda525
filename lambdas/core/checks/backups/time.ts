const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Hours from `from` to `to`, to a tenth, for messages and evidence. */
export function hoursBetween(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / HOUR_MS) * 10) / 10;
}

/** `now` minus `hours`. */
export function hoursBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * HOUR_MS);
}

/** `now` minus `days`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** A copy sorted newest first by `at`; undated items go last (we cannot tell when they happened). */
export function newestFirst<T>(items: readonly T[], at: (item: T) => Date | undefined): T[] {
  const time = (item: T) => at(item)?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...items].sort((a, b) => time(b) - time(a));
}

/** Days from `from` to `to`, to a tenth. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / DAY_MS) * 10) / 10;
}

/** "1 day", "7 days": counts in messages. */
export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
