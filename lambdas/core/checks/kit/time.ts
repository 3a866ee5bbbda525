/*
 * The one time module of the checks. Elapsed times are exact; rounding is a separate, named step,
 * chosen by what a rule shows: `tenths` for ages shown to a tenth ("36.5 h old"), `wholeDays`
 * (down) for day counts compared with thresholds ("91 days old, maximum 90"), so a message never
 * shows a number the status was not judged on. The checks never read a clock: `now` comes in.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Exact days from `from` to `to`, fractional; negative when `from` is after `to`. */
export function elapsedDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Exact hours from `from` to `to`, fractional; negative when `from` is after `to`. */
export function elapsedHours(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}

/** Exact minutes from `from` to `to`, fractional; negative when `from` is after `to`. */
export function elapsedMinutes(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MINUTE_MS;
}

/** Rounded to the nearest tenth (half up), for ages shown with one decimal. */
export function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Whole days, rounded down (6.9 days counts as 6); for day counts judged against thresholds. */
export function wholeDays(days: number): number {
  return Math.floor(days);
}

/** `now` minus `minutes`. */
export function minutesBefore(now: Date, minutes: number): Date {
  return new Date(now.getTime() - minutes * MINUTE_MS);
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

/** "1 day", "7 days": counts in messages. */
export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
