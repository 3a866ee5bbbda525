import type { FindingStatus } from '../../findings';
import { elapsedDays, wholeDays } from '../kit/time';

/** Expiry thresholds in days: `failDays` < `warnDays` (the configuration enforces it). */
export interface ExpiryThresholds {
  readonly warnDays: number;
  readonly failDays: number;
}

/** The judgement on one expiry date. */
export interface ExpiryVerdict {
  readonly status: Extract<FindingStatus, 'PASS' | 'WARN' | 'FAIL'>;
  /** Whole days left, rounded down; negative once expired. */
  readonly daysToExpiry: number;
  readonly expired: boolean;
  /** "expired 3 days ago", "expires within a day", "expires in 12 days": for messages. */
  readonly summary: string;
}

/** Whole days from `now` to `notAfter`, rounded down (so 6.9 days left counts as 6), negative once past. */
export function daysToExpiry(notAfter: Date, now: Date): number {
  return wholeDays(elapsedDays(now, notAfter));
}

function summarize(notAfter: Date, now: Date, days: number, expired: boolean): string {
  if (expired) {
    const ago = wholeDays(elapsedDays(notAfter, now));
    return ago < 1 ? 'expired within the last day' : `expired ${ago} day${ago === 1 ? '' : 's'} ago`;
  }
  if (days === 0) return 'expires within a day';
  return `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/**
 * Judges an expiry date. Statuses compare the same whole-day count that messages show, so a reader
 * never sees "7 days left, failDays 7" with a WARN.
 */
export function judgeExpiry(notAfter: Date, now: Date, thresholds: ExpiryThresholds): ExpiryVerdict {
  const days = daysToExpiry(notAfter, now);
  const expired = notAfter.getTime() <= now.getTime();
  const summary = summarize(notAfter, now, days, expired);
  const status =
    expired || days <= thresholds.failDays ? 'FAIL' : days <= thresholds.warnDays ? 'WARN' : 'PASS';
  return { status, daysToExpiry: days, expired, summary };
}
