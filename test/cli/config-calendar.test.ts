import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * Days and zones a person types. A blackout date that is no calendar day (`2026-02-30`, a slip for
 * 2026-03-02 or 2026-02-20) blacked out nothing without a word. A time zone was accepted as the
 * runtime reads it, which ignores case and takes UTC offsets: `europe/paris` or `+01:00` passed
 * `cdk synth` and reached EventBridge Scheduler, which knows zones by their IANA names as written.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-config-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checklist(config: object) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return runCliInProcess(['checklist', '--config', file]);
}

const window = (blackoutDates: string[]) => ({
  gate: { window: { days: ['MON', 'TUE'], start: '09:00', end: '16:00', blackoutDates } },
});

describe('gate.window.blackoutDates', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-04-31'])(
    'refuses %s, which is no calendar day (exit 2)',
    async (day) => {
      const run = await checklist(window(['2026-12-24', day]));

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `  - gate.window.blackoutDates.[1]: got "${day}"; expected a calendar date such as 2026-12-24`,
      );
    },
  );

  it('accepts a leap day of a leap year', async () => {
    const run = await checklist(window(['2028-02-29']));

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('timezone', () => {
  it.each([
    ['europe/paris', 'Europe/Paris'],
    ['utc', 'UTC'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
  ])('refuses %s, naming the zone as IANA spells it (exit 2)', async (zone, spelt) => {
    const run = await checklist({ timezone: zone });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `  - timezone: got "${zone}"; expected the zone as IANA spells it: "${spelt}"`,
    );
  });

  it.each(['+05:00', '-0800'])('refuses the UTC offset %s (exit 2)', async (zone) => {
    const run = await checklist({ timezone: zone });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `  - timezone: got "${zone}"; expected an IANA time zone such as UTC or Europe/Paris`,
    );
  });

  it.each(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'US/Pacific'])(
    'accepts %s',
    async (zone) => {
      const run = await checklist({ timezone: zone });

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    },
  );
});

describe('checklist.items[].verification.key of an attestation', () => {
  // `preflight gate --attest` takes lowercase keys only: any other could never be attested there,
  // and `__proto__` or `WAF` read as attested or not by accident of JavaScript.
  it.each(['WAF', '__proto__', 'waf enabled', 'hasOwnProperty'])(
    'refuses %s, naming the key (exit 2)',
    async (key) => {
      const run = await checklist({
        checklist: {
          items: [
            {
              id: 'security.waf-enabled',
              section: 'pre-deployment',
              group: 'Security & Compliance',
              title: 'WAF attached',
              verification: { kind: 'attestation', key },
            },
          ],
        },
      });

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `  - checklist.items.[0].verification.key: got ${JSON.stringify(key)}; expected an attestation key of lowercase letters, digits and -, such as waf-enabled (as preflight gate --attest takes it)`,
      );
    },
  );
});

describe('gate.signoffs.roles named like an inherited property', () => {
  it.each(['constructor', 'toString'])(
    '%s without approvers is refused as any role is (exit 2)',
    async (role) => {
      const run = await checklist({ gate: { signoffs: { roles: [role] } } });

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `expected at least one IAM principal pattern that may sign off for "${role}" (without one, nobody could)`,
      );
    },
  );
});
