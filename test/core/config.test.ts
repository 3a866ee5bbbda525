import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../lambdas/core/config/load';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';

function problemsOf(raw: unknown) {
  try {
    validateConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('validateConfig', () => {
  it('fills every default from an empty configuration', () => {
    const config = validateConfig({});
    expect(config.timezone).toBe('UTC');
    expect(config.gate).toMatchObject({ warnBlocks: false, concurrency: 4, signoffs: { roles: [] } });
    expect(config.gate.window).toBeUndefined();
    expect(config.checks['acm-certificates']).toEqual({
      enabled: true,
      warnDays: 30,
      failDays: 7,
      minRsaBits: 2048,
    });
    expect(config.checks['database-backups'].rpoHours).toBe(24);
    expect(config.schedules.audit.expression).toBe('cron(0 6 * * ? *)');
  });

  it.each([
    [
      { checks: { 'acm-certificates': { minRsaBits: 0 } } },
      'checks.acm-certificates.minRsaBits',
      0,
      /bits from 1024 to 16384/,
    ],
    [
      { checks: { 'acm-certificates': { warnDays: 10, failDays: 20 } } },
      'checks.acm-certificates.failDays',
      20,
      /less than warnDays \(10\)/,
    ],
    [{ notifications: { emails: ['not-an-email'] } }, 'notifications.emails.[0]', 'not-an-email', /email/],
    [
      { notifications: { phoneNumbers: ['0044 7700 900123'] } },
      'notifications.phoneNumbers.[0]',
      '0044 7700 900123',
      /E\.164/,
    ],
    [{ timezone: 'Mars/Olympus' }, 'timezone', 'Mars/Olympus', /IANA time zone/],
    [
      { schedules: { audit: { expression: 'every day' } } },
      'schedules.audit.expression',
      'every day',
      /rate\(1 day\)/,
    ],
    [{ environments: { prod: { account: '12345' } } }, 'environments.prod.account', '12345', /12-digit/],
    [{ gate: { warnBlocks: 'yes' } }, 'gate.warnBlocks', 'yes', /boolean/],
    [
      { checks: { 'database-backups': { missingRestoreProof: 'PASS' } } },
      'checks.database-backups.missingRestoreProof',
      'PASS',
      /WARN.*FAIL/,
    ],
  ])('rejects %j naming the key, the value and what is expected', (raw, key, value, expected) => {
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key, value });
    expect(problems[0]?.expected).toMatch(expected);
  });

  it('rejects unknown keys, so a typo is never silently ignored', () => {
    const problems = problemsOf({ checks: { 'acm-certificate': {} } });
    expect(problems[0]?.key).toBe('checks.acm-certificate');
    expect(problems[0]?.unknownKey?.suggestion).toBe('acm-certificates');
  });

  it.each([
    [{ notifcations: {} }, '  - notifcations: unknown key (did you mean "notifications"?)'],
    [
      { gate: { zzz: 1 } },
      /^ {2}- gate\.zzz: unknown key; expected one of warnBlocks, concurrency, .*preDeploymentBackup$/m,
    ],
  ])('prints an unknown key %j as one line naming it, with a suggestion when one is close', (raw, line) => {
    let message = '';
    try {
      validateConfig(raw, 'preflight.config.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')[0]).toBe('Invalid Preflight configuration in preflight.config.json:');
    if (typeof line === 'string') expect(message.split('\n')).toContain(line);
    else expect(message).toMatch(line);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ timezone: 'Nowhere', gate: { concurrency: 0 } })).toHaveLength(2);
  });

  it('rejects a disabled item that does not exist', () => {
    expect(problemsOf({ checklist: { disabledItems: ['security.ssl-certificate'] } })).toEqual([
      {
        key: 'checklist.disabledItems.[0]',
        value: 'security.ssl-certificate',
        expected:
          'expected the id of a checklist item (see `preflight checklist`); did you mean "security.ssl-certificates"?',
      },
    ]);
  });

  it('rejects a custom item that reuses a seed id, names an unknown section or an unknown check', () => {
    const problems = problemsOf({
      checklist: {
        items: [
          {
            id: 'security.ssl-certificates',
            section: 'nowhere',
            group: 'X',
            title: 'Y',
            verification: { kind: 'check', checkIds: ['no-such-check'] },
          },
        ],
      },
    });
    expect(problems.map((p) => p.key)).toEqual([
      'checklist.items.[0].id',
      'checklist.items.[0].section',
      'checklist.items.[0].verification.checkIds',
    ]);
  });

  describe('who may act through the control endpoint', () => {
    const SEC = 'arn:aws:iam::111122223333:role/SecurityApprovers';

    it('defaults: no approvers, nobody may override the window, everyone IAM allows may abort', () => {
      const config = validateConfig({ gate: { window: {} } });
      expect(config.gate.signoffs.approvers).toEqual({});
      expect(config.gate.window?.overrideBy).toEqual([]);
      expect(config.watch.abortBy).toEqual(['*']);
    });

    it('accepts every role with its approvers', () => {
      const config = validateConfig({
        gate: { signoffs: { roles: ['Security Engineer'], approvers: { 'Security Engineer': [SEC] } } },
      });
      expect(config.gate.signoffs.approvers).toEqual({ 'Security Engineer': [SEC] });
    });

    it.each([
      [
        { gate: { signoffs: { roles: ['Security Engineer'] } } },
        'gate.signoffs.approvers.Security Engineer',
        /at least one IAM principal pattern that may sign off for "Security Engineer"/,
      ],
      [
        { gate: { signoffs: { roles: ['Security Engineer'], approvers: { 'Security Engineer': [] } } } },
        'gate.signoffs.approvers.Security Engineer',
        /at least one IAM principal pattern/,
      ],
      [
        { gate: { signoffs: { roles: ['!!!'], approvers: { '!!!': [SEC] } } } },
        'gate.signoffs.roles.[0]',
        /a role with letters or digits/,
      ],
      [
        { gate: { signoffs: { roles: [''], approvers: { '': [SEC] } } } },
        'gate.signoffs.roles.[0]',
        /expected at least 1 character|letters or digits/,
      ],
      [
        {
          gate: {
            signoffs: {
              roles: ['Security Engineer', 'security-engineer'],
              approvers: { 'Security Engineer': [SEC], 'security-engineer': [SEC] },
            },
          },
        },
        'gate.signoffs.roles.[1]',
        /"Security Engineer" and "security-engineer" would share the sign-off records "security-engineer"/,
      ],
      [
        { gate: { signoffs: { roles: [], approvers: { DBA: [SEC] } } } },
        'gate.signoffs.approvers.DBA',
        /a role listed in gate\.signoffs\.roles/,
      ],
      [
        { gate: { signoffs: { roles: ['DBA'], approvers: { DBA: ['*'] } } } },
        'gate.signoffs.approvers.DBA.[0]',
        /IAM principal ARN pattern/,
      ],
      [
        { gate: { window: { overrideBy: ['release-managers'] } } },
        'gate.window.overrideBy.[0]',
        /IAM principal ARN pattern/,
      ],
      [{ watch: { abortBy: [] } }, 'watch.abortBy', /nobody could stop a bad release/],
      [{ watch: { abortBy: ['oncall'] } }, 'watch.abortBy.[0]', /IAM principal ARN pattern.*or "\*"/],
    ])('rejects %j', (raw, key, expected) => {
      const problems = problemsOf(raw);
      expect(problems.map((p) => p.key)).toContain(key);
      expect(problems.find((p) => p.key === key)?.expected).toMatch(expected);
    });
  });

  it('puts the source, key, value and expectation in the error message', () => {
    expect(() => validateConfig({ gate: { concurrency: 50 } }, 'preflight.config.json')).toThrow(
      /Invalid Preflight configuration in preflight\.config\.json:\n {2}- gate\.concurrency: got 50; expected a number of checks at once from 1 to 20/,
    );
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-config-'));

  it('reads and validates a file', () => {
    const file = path.join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ timezone: 'Europe/Paris' }));
    expect(loadConfigFile(file).timezone).toBe('Europe/Paris');
  });

  it('says so when the file is not JSON', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "timezone": ');
    expect(() => loadConfigFile(file)).toThrow(/broken\.json:\n {2}- \(file\): not JSON \(/);
  });

  it('says so when the file is missing', () => {
    expect(() => loadConfigFile(path.join(dir, 'missing.json'))).toThrow(/a readable JSON file/);
  });

  it('accepts the example a deployment starts from, and ships no configuration at the root', () => {
    expect(() => loadConfigFile(path.join(__dirname, '../../examples/preflight.config.json'))).not.toThrow();
    expect(existsSync(path.join(__dirname, '../../preflight.config.json'))).toBe(false);
  });
});
