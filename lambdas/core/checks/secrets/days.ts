const MS_PER_DAY = 86_400_000;

/** Days from `from` to `now`, fractional; negative when `from` is in the future. */
export function daysBetween(from: Date, now: Date): number {
  return (now.getTime() - from.getTime()) / MS_PER_DAY;
}

/** Whole days, rounded down, for messages and evidence. */
export function wholeDays(days: number): number {
  return Math.floor(days);
}
