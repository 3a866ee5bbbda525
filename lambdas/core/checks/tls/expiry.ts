import type { FindingStatus } from '../../findings';
import { elapsedDays } from '../kit/time';

/** Expiry thresholds in days: `failDays` < `warnDays` (the configuration enforces it). */
export interface ExpiryThresholds {
  readonly warnDays: number;
  readonly failDays: number;
}

/** The judgement on one expiry date. */
export interface ExpiryVerdict {
  readonly status: Extract<FindingStatus, 'PASS' | 'WARN' | 'FAIL'>;
  /** Whole days left, or (negative) whole days since expiry; 0 within a day either side. */
  readonly daysToExpiry: number;
  /** `notAfter` is at or before `now` (OpenSSL's X509_cmp_time: expired at the instant itself). */
  readonly expired: boolean;
  /** "expired 3 days ago", "expires within a day", "expires in 12 days": for messages. */
  readonly summary: string;
}

/**
 * Whole days from `now` to `notAfter`, counted toward zero: 6.9 days left is 6, expired 1.9 days
 * ago is -1, and anything within a day either side is 0 (never -0). It is the number the words of
 * `expiryWords` say, so a report never shows -2 beside "expired 1 day ago"; whether a 0 is before
 * or after the date is `expired`'s to say.
 */
export function daysToExpiry(notAfter: Date, now: Date): number {
  return Math.trunc(elapsedDays(now, notAfter)) || 0;
}

/** The words for a day count: "expires in 12 days", "expires within a day", "expired 1 day ago". */
export function expiryWords(days: number, expired: boolean): string {
  const count = Math.abs(days);
  const unit = count === 1 ? 'day' : 'days';
  if (expired) return count === 0 ? 'expired within the last day' : `expired ${count} ${unit} ago`;
  return count === 0 ? 'expires within a day' : `expires in ${count} ${unit}`;
}

/**
 * Judges an expiry date. Statuses compare the same whole-day count that messages show, so a reader
 * never sees "7 days left, failDays 7" with a WARN: expiring in exactly `failDays` days FAILs,
 * in exactly `warnDays` days WARNs, and an expired certificate FAILs whatever the count.
 */
export function judgeExpiry(notAfter: Date, now: Date, thresholds: ExpiryThresholds): ExpiryVerdict {
  const days = daysToExpiry(notAfter, now);
  const expired = notAfter.getTime() <= now.getTime();
  const summary = expiryWords(days, expired);
  const status =
    expired || days <= thresholds.failDays ? 'FAIL' : days <= thresholds.warnDays ? 'WARN' : 'PASS';
  return { status, daysToExpiry: days, expired, summary };
}
