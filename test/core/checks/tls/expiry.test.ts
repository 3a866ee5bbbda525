import { describe, expect, it } from 'vitest';
import { daysToExpiry, judgeExpiry } from '../../../../lambdas/core/checks/tls/expiry';

const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const thresholds = { warnDays: 30, failDays: 7 };

describe('judgeExpiry', () => {
  it.each([
    { days: 90, status: 'PASS', whole: 90, summary: 'expires in 90 days' },
    { days: 31, status: 'PASS', whole: 31, summary: 'expires in 31 days' },
    { days: 30, status: 'WARN', whole: 30, summary: 'expires in 30 days' },
    { days: 8, status: 'WARN', whole: 8, summary: 'expires in 8 days' },
    { days: 7.9, status: 'FAIL', whole: 7, summary: 'expires in 7 days' },
    { days: 7, status: 'FAIL', whole: 7, summary: 'expires in 7 days' },
    { days: 1, status: 'FAIL', whole: 1, summary: 'expires in 1 day' },
    { days: 0.5, status: 'FAIL', whole: 0, summary: 'expires within a day' },
    { days: 0, status: 'FAIL', whole: 0, summary: 'expired within the last day' },
    { days: -1 / 86_400, status: 'FAIL', whole: 0, summary: 'expired within the last day' },
    { days: -0.2, status: 'FAIL', whole: 0, summary: 'expired within the last day' },
    { days: -1, status: 'FAIL', whole: -1, summary: 'expired 1 day ago' },
    { days: -1.0001, status: 'FAIL', whole: -1, summary: 'expired 1 day ago' },
    { days: -1.9999, status: 'FAIL', whole: -1, summary: 'expired 1 day ago' },
    { days: -3.2, status: 'FAIL', whole: -3, summary: 'expired 3 days ago' },
  ] as const)(
    'a certificate with $days days left is $status ($summary)',
    ({ days, status, whole, summary }) => {
      const verdict = judgeExpiry(at(days), now, thresholds);

      expect(verdict).toEqual({ status, daysToExpiry: whole, expired: days <= 0, summary });
    },
  );

  it('fails only the expired certificate when failDays is 0', () => {
    expect(judgeExpiry(at(0.5), now, { warnDays: 30, failDays: 0 }).status).toBe('FAIL');
    expect(judgeExpiry(at(1.5), now, { warnDays: 30, failDays: 0 }).status).toBe('WARN');
  });
});

describe('daysToExpiry', () => {
  it('counts whole days toward zero, the same count the words say, both sides of the date', () => {
    expect(daysToExpiry(at(10.99), now)).toBe(10);
    expect(daysToExpiry(at(-1.0001), now)).toBe(-1);
    expect(daysToExpiry(at(-2.5), now)).toBe(-2);
  });

  it('is 0, never -0, within a day either side (JSON and messages print 0)', () => {
    expect(Object.is(daysToExpiry(at(-0.01), now), 0)).toBe(true);
    expect(Object.is(daysToExpiry(at(0.01), now), 0)).toBe(true);
  });
});
