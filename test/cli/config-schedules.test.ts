import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * The audit's and the review's schedule expressions were checked for their shape only: a minute 99,
 * a rate of 0 or `rate(1 minutes)` passed `cdk synth` and failed the deploy; `at(...)` passed too, and
 * a recurring audit written as a one-time schedule ran once (or, dated in the past, never) without a
 * word. Each is refused, naming the key, with the rule broken.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-config-schedules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checklist(schedules: object) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ schedules }));
  return runCliInProcess(['checklist', '--config', file]);
}

describe('schedules.<name>.expression', () => {
  it.each([
    ['rate(0 minutes)', 'expected a rate of at least 1'],
    ['rate(1 minutes)', 'expected rate(1 minute): a rate of 1 takes the singular unit'],
    ['rate(5 hour)', 'expected rate(5 hours): a rate above 1 takes the plural unit'],
    ['cron(99 6 * * ? *)', 'expected minutes from 0 to 59 in field 1 of the cron expression, got 99'],
    ['cron(0 24 * * ? *)', 'expected hours from 0 to 23 in field 2 of the cron expression, got 24'],
    [
      'cron(0 6 32 * ? *)',
      'expected days of the month from 1 to 31 in field 3 of the cron expression, got 32',
    ],
    [
      'cron(0 6 * 13 ? *)',
      'expected months from 1 to 12 (or JAN-DEC) in field 4 of the cron expression, got 13',
    ],
    [
      'cron(0 6 * * MOX *)',
      'expected days of the week from 1 to 7 (or SUN-SAT) in field 5 of the cron expression, got MOX',
    ],
    ['cron(0 6 * * * *)', 'expected ? in exactly one of the day-of-month and day-of-week fields'],
    ['cron(0 6 1 * MON *)', 'expected ? in exactly one of the day-of-month and day-of-week fields'],
    ['cron(0/0 6 * * ? *)', 'expected an increment of at least 1 in field 1 of the cron expression'],
    ['at(2027-01-01T06:00:00)', 'expected a recurring schedule, rate(...) or cron(...): at(...) runs once'],
  ])('audit: %s is refused, naming the key (exit 2)', async (expression, expected) => {
    const run = await checklist({ audit: { expression } });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`  - schedules.audit.expression: got "${expression}"; ${expected}`);
  });

  it('review: a cron with an hour out of range is refused too', async () => {
    const run = await checklist({ review: { expression: 'cron(0 25 1W 1,4,7,10 ? *)' } });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '  - schedules.review.expression: got "cron(0 25 1W 1,4,7,10 ? *)"; expected hours',
    );
  });

  it.each([
    'rate(1 day)',
    'rate(12 hours)',
    'cron(0 6 * * ? *)',
    'cron(0 9 1W 1,4,7,10 ? *)',
    'cron(15,45 8-17/2 ? * MON-FRI *)',
    'cron(0 6 L * ? *)',
    'cron(0 6 ? * 6L 2026-2030)',
    'cron(0 6 ? * MON#1 *)',
    'cron(*/5 * ? JAN-DEC 2 *)',
  ])('accepts %s', async (expression) => {
    const run = await checklist({ audit: { expression } });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
