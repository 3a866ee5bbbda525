import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../lambdas/core/checks/registry';
import { runCheck, runChecks, selectChecks } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../lambdas/core/errors';
import { createSampleAccount } from '../../../lambdas/sample/account';

const NOW = new Date('2026-11-27T10:00:00Z');
const config = validateConfig({});

function accountWith(alarms: Partial<AccountPorts['alarms']>): AccountPorts {
  const sample = createSampleAccount(NOW);
  return { ...sample, alarms: { ...sample.alarms, ...alarms } };
}

describe('runCheck', () => {
  it('turns a denied API call into one ERROR finding naming the action and the permission', async () => {
    const account = accountWith({
      listAlarms: async () => {
        throw new AwsCallError(
          'cloudwatch:DescribeAlarms',
          'access-denied',
          'AccessDenied',
          'not authorized',
        );
      },
    });

    const result = await runCheck('alarms', account, config, NOW);

    expect(result.findings).toEqual([
      {
        checkId: 'alarms',
        rule: 'run',
        resource: '*',
        status: 'ERROR',
        message: 'Could not evaluate: cloudwatch:DescribeAlarms was denied (AccessDenied).',
        remediation: 'Allow cloudwatch:DescribeAlarms for the role Preflight runs as.',
        evidence: { code: 'AccessDenied' },
      },
    ]);
  });

  it('turns an unexpected crash into ERROR, never PASS', async () => {
    const account = accountWith({
      listAlarms: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'AlarmName')");
      },
    });

    const result = await runCheck('alarms', account, config, NOW);

    expect(result.findings.map((f) => f.status)).toEqual(['ERROR']);
    expect(result.findings[0]?.message).toMatch(/TypeError: Cannot read properties/);
  });

  it('says SKIPPED when there is nothing in scope', async () => {
    const account = accountWith({ listAlarms: async () => [] });

    const result = await runCheck('alarms', account, config, NOW);

    expect(result.findings).toMatchObject([
      { status: 'SKIPPED', message: 'No resources in scope for this check.' },
    ]);
  });
});

describe('runChecks', () => {
  it('keeps every other check when one of them breaks', async () => {
    const account = accountWith({
      listAlarms: async () => {
        throw new AwsCallError('cloudwatch:DescribeAlarms', 'throttled', 'Throttling', 'Rate exceeded');
      },
    });

    const results = await runChecks(account, config, NOW, { checkIds: ['alarms', 'secrets-rotation'] });

    expect(results.map((r) => r.checkId)).toEqual(['alarms', 'secrets-rotation']);
    expect(results[0]?.findings[0]?.message).toMatch(/stayed throttled after retries/);
    expect(results[1]?.findings.length).toBeGreaterThan(1);
    expect(results[1]?.findings.some((f) => f.status === 'PASS')).toBe(true);
  });

  it('reports progress once per check', async () => {
    const counts: string[] = [];
    const ids: string[] = [];
    await runChecks(createSampleAccount(NOW), config, NOW, {
      checkIds: ['alarms', 'secrets-encryption'],
      onCheckDone: (result, done, total) => {
        counts.push(`${done}/${total}`);
        ids.push(result.checkId);
      },
    });
    expect(counts).toEqual(['1/2', '2/2']);
    expect(ids.sort()).toEqual(['alarms', 'secrets-encryption']);
  });
});

describe('selectChecks', () => {
  it('runs every enabled check by default: every check of the registry verifies an item', () => {
    expect(selectChecks(config)).toHaveLength(23);
    expect(new Set(selectChecks(config))).toEqual(new Set(Object.keys(CHECKS)));
  });

  it('leaves out a check that is disabled, or whose every item is turned off', () => {
    const tuned = validateConfig({
      checks: { alarms: { enabled: false } },
      checklist: { disabledItems: ['infrastructure.database-backups'] },
    });
    expect(selectChecks(tuned)).not.toContain('alarms');
    expect(selectChecks(tuned)).not.toContain('database-backups');
    expect(selectChecks(tuned)).toContain('secrets-rotation');
  });

  it('runs exactly the checks asked for, once each', () => {
    expect(selectChecks(config, ['alarms', 'alarms', 'iam-access-keys'])).toEqual([
      'alarms',
      'iam-access-keys',
    ]);
  });
});

describe('set-up mistakes', () => {
  it.each([
    ['Region is missing', /Pass --region or set AWS_REGION/],
    ['Could not load credentials from any providers', /Provide AWS credentials: --profile/],
  ])('explains %j with its fix', async (detail, fix) => {
    const account = accountWith({
      listAlarms: async () => {
        throw new AwsCallError('cloudwatch:DescribeAlarms', 'other', 'Error', detail);
      },
    });
    const result = await runCheck('alarms', account, config, NOW);
    expect(result.findings[0]?.remediation).toMatch(fix);
  });
});
