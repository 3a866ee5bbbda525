import { describe, expect, it } from 'vitest';
import { AuditInputError, acceptAuditInput } from '../../lambdas/core/audit-input';
import { validateConfig } from '../../lambdas/core/config/validate';

const config = validateConfig({ checks: { 'iam-access-keys': { enabled: false } } });

function problemsOf(input: unknown): readonly string[] {
  try {
    acceptAuditInput(input, config, 'run-1');
  } catch (error) {
    if (error instanceof AuditInputError) return error.problems;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('acceptAuditInput', () => {
  it('selects every enabled check for a gate', () => {
    const audit = acceptAuditInput({ service: 'orders', environment: 'prod' }, config, 'run-1');

    expect(audit).toMatchObject({
      mode: 'gate',
      runId: 'run-1',
      deploymentId: 'run-1',
      scope: 'gate-orders-prod',
    });
    expect(audit.checkIds).toContain('database-backups');
    expect(audit.checkIds).not.toContain('iam-access-keys');
  });

  it('runs only the chosen checks in a scheduled run', () => {
    expect(acceptAuditInput({ mode: 'scheduled', checks: ['alarms'] }, config, 'r').checkIds).toEqual([
      'alarms',
    ]);
  });

  it.each([
    [{ checks: ['alarms'] }, /^checks: a gate judges every enabled check/],
    [{ mode: 'gate', checks: ['alarms', 'database-backups'] }, /^checks: a gate judges every enabled check/],
    [{ mode: 'scheduled', checks: ['alarm'] }, /^checks: unknown alarm; .*did you mean "alarms"\?$/],
    [
      { mode: 'scheduled', checks: ['iam-access-keys'] },
      /^checks: iam-access-keys does not run under this configuration/,
    ],
    [{ attestations: { 'tests-pass': 'https://ci.example.com/1' } }, /did you mean "tests-passing"\?$/],
    [
      { mode: 'scheduled', attestations: { 'tests-passing': 'https://x.example.com' } },
      /takes no attestations/,
    ],
    [{ deploymentId: '../x' }, /^deploymentId: expected 1-128/],
    [{ deploymentId: 'a..b' }, /^deploymentId: expected no "\.\."/],
    [{ service: 'a b' }, /^service: /],
    [{ environment: '' }, /^environment: /],
    [{ checks: [] }, /^checks: /],
    [{ servce: 'orders' }, /servce/],
  ])('refuses %j, naming the field', (input, message) => {
    expect(problemsOf(input)).toContainEqual(expect.stringMatching(message));
  });
});
