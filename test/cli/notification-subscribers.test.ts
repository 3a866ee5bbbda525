import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * An address or number listed twice in `notifications` (a merge of two lists, `Ana@Example.com` and
 * `ana@example.com`) became two SNS subscriptions of one inbox or phone: every alert arrived twice,
 * or the deploy failed on a subscription declared twice. Each subscriber is listed once, e-mail
 * addresses compared without regard to case (mail systems deliver `Ana@` and `ana@` to one inbox).
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-notification-subscribers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checklist(notifications: object) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ notifications }));
  return runCliInProcess(['checklist', '--config', file]);
}

describe('notifications.emails', () => {
  it('refuses an address listed twice, naming the second, before anything else runs (exit 2)', async () => {
    const run = await checklist({ emails: ['oncall@example.com', 'sre@example.com', 'oncall@example.com'] });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '  - notifications.emails.[2]: got "oncall@example.com"; expected each address once: it is notifications.emails.[0] again (one inbox would get every alert twice)',
    );
  });

  it.each([
    ['the domain', 'oncall@example.com', 'oncall@EXAMPLE.com'],
    ['the whole address', 'Oncall@Example.com', 'oncall@example.com'],
  ])('compares addresses without regard to case (%s)', async (_, first, second) => {
    const run = await checklist({ emails: [first, second] });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `  - notifications.emails.[1]: got "${second}"; expected each address once: it is notifications.emails.[0] again`,
    );
  });

  it('accepts distinct addresses', async () => {
    const run = await checklist({ emails: ['oncall@example.com', 'oncall@example.org'] });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('notifications.phoneNumbers', () => {
  it('refuses a number listed twice, naming the second (exit 2)', async () => {
    const run = await checklist({ phoneNumbers: ['+15555550100', '+15555550101', '+15555550100'] });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '  - notifications.phoneNumbers.[2]: got "+15555550100"; expected each number once: it is notifications.phoneNumbers.[0] again (one phone would get every alert twice)',
    );
  });
});

describe('notifications.emailVerdicts and smsVerdicts', () => {
  it('refuses a verdict listed twice', async () => {
    const run = await checklist({ emailVerdicts: ['FAIL', 'FAIL'], smsVerdicts: ['ERROR', 'FAIL', 'ERROR'] });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '  - notifications.emailVerdicts: got ["FAIL","FAIL"]; expected each verdict once',
    );
    expect(run.stderr).toContain(
      '  - notifications.smsVerdicts: got ["ERROR","FAIL","ERROR"]; expected each verdict once',
    );
  });
});
