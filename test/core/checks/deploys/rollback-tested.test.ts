import { describe, expect, it } from 'vitest';
import { deploysChecks } from '../../../../lambdas/core/checks/deploys/definitions';
import type { AutomationExecution, DeploysPorts } from '../../../../lambdas/core/checks/deploys/ports';
import { judgeLastRun } from '../../../../lambdas/core/checks/deploys/rules/rollback-tested/last-run';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const run = (status: string, daysAgo: number, id = `e-${status}-${daysAgo}`): AutomationExecution => ({
  id,
  documentName: 'orders-rollback',
  status,
  startedAt: new Date(NOW.getTime() - daysAgo * DAY),
  ...(status === 'Failed' ? { failureMessage: 'Step Restore failed' } : {}),
});

describe('last-run', () => {
  it.each<[string, AutomationExecution[], AutomationExecution[] | undefined, string, RegExp]>([
    [
      'the last run succeeded',
      [run('Success', 12), run('Failed', 40)],
      undefined,
      'PASS',
      /last ran successfully 12 days ago/,
    ],
    [
      'the last run failed, an older one succeeded',
      [run('Success', 40), run('Failed', 3)],
      undefined,
      'FAIL',
      /last run 3 days ago ended Failed: Step Restore failed/,
    ],
    ['the last run timed out', [run('TimedOut', 1)], undefined, 'FAIL', /ended TimedOut/],
    [
      'a run still going does not count',
      [run('InProgress', 0), run('Success', 5)],
      undefined,
      'PASS',
      /5 days ago/,
    ],
    [
      'only a run still going',
      [run('InProgress', 0)],
      [run('InProgress', 0), run('Success', 200)],
      'FAIL',
      /has not run to the end in the last 90 days \(last run: Success/,
    ],
    [
      'no run in the period',
      [],
      [run('Success', 120)],
      'FAIL',
      /has not run to the end in the last 90 days \(last run: Success/,
    ],
    ['never ran', [], [], 'FAIL', /has not run to the end in the last 90 days: the rollback is untested/],
  ])('%s', (_case, inPeriod, before, status, message) => {
    const finding = judgeLastRun(
      'orders-rollback',
      succeeded(inPeriod),
      before === undefined ? undefined : succeeded(before),
      { periodDays: 90 },
      NOW,
    );
    expect(finding).toMatchObject({
      checkId: 'rollback-tested',
      rule: 'last-run',
      resource: 'orders-rollback',
      status,
    });
    expect(finding.message).toMatch(message);
  });

  it('shows the last execution in evidence when it failed', () => {
    const finding = judgeLastRun(
      'orders-rollback',
      succeeded([run('Failed', 3, 'e-42')]),
      undefined,
      { periodDays: 90 },
      NOW,
    );
    expect(finding.evidence).toMatchObject({
      lastExecution: {
        executionId: 'e-42',
        status: 'Failed',
        daysAgo: 3,
        failureMessage: 'Step Restore failed',
      },
    });
  });

  it('shows the last run before the period in evidence when none is in it', () => {
    const finding = judgeLastRun(
      'orders-rollback',
      succeeded([]),
      succeeded([run('Success', 120, 'e-7')]),
      { periodDays: 90 },
      NOW,
    );
    expect(finding.evidence).toMatchObject({
      lastExecution: { executionId: 'e-7', status: 'Success', daysAgo: 120 },
    });
  });

  it('is ERROR naming the call when the runs could not be read', () => {
    const error = new AwsCallError(
      'ssm:DescribeAutomationExecutions',
      'access-denied',
      'AccessDeniedException',
      'no',
    );
    const finding = judgeLastRun('orders-rollback', { ok: false, error }, undefined, { periodDays: 90 }, NOW);
    expect(finding).toMatchObject({ status: 'ERROR', evidence: { code: 'AccessDeniedException' } });
    expect(finding.message).toContain('ssm:DescribeAutomationExecutions');
  });
});

describe('the rollback-tested check', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: {
      orders: {
        environments: ['prod'],
        resources: { tags: { service: 'orders' } },
        watch: { rollback: { action: 'ssm-automation', documentName: 'orders-rollback' } },
      },
      search: { environments: ['prod'], resources: { tags: { service: 'search' } } },
    },
  });
  const account = (runs: (document: string, since?: Date) => Promise<AutomationExecution[]>) =>
    ({ deploys: { automationExecutions: runs } as Partial<DeploysPorts> }) as unknown as AccountPorts;

  it('asks for exactly one read-only action', () => {
    expect(deploysChecks['rollback-tested'].permissions).toEqual(['ssm:DescribeAutomationExecutions']);
  });

  it("looks for runs of the service's watch rollback document within the period", async () => {
    const asked: [string, string | undefined][] = [];
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck(
      'rollback-tested',
      account(async (document, since) => {
        asked.push([document, since?.toISOString()]);
        return [run('Success', 12)];
      }),
      CONFIG,
      NOW,
      { target },
    );
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'last-run', status: 'PASS' })]);
    expect(asked).toEqual([['orders-rollback', new Date(NOW.getTime() - 90 * DAY).toISOString()]]);
  });

  it('reads the whole history only when nothing finished in the period, to show the last run', async () => {
    const asked: (string | undefined)[] = [];
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck(
      'rollback-tested',
      account(async (_document, since) => {
        asked.push(since?.toISOString());
        return since === undefined ? [run('Failed', 150)] : [];
      }),
      CONFIG,
      NOW,
      { target },
    );
    expect(asked).toHaveLength(2);
    expect(asked[1]).toBeUndefined();
    expect(result.findings[0]).toMatchObject({
      status: 'FAIL',
      evidence: { lastExecution: { status: 'Failed' } },
    });
  });

  it('warns, never passes, for a service that names no rollback document, and reads nothing', async () => {
    const target = resolveTarget(CONFIG, { service: 'search', environment: 'prod' });
    const result = await runCheck(
      'rollback-tested',
      account(async () => {
        throw new Error('must not be called');
      }),
      CONFIG,
      NOW,
      { target },
    );
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'scope', status: 'WARN' })]);
    expect(result.findings[0]?.message).toContain(
      'services.search.checks.rollback-tested.documents names nothing',
    );
  });

  it('is SKIPPED for the whole account when no document is named, as every check with nothing in scope', async () => {
    const result = await runCheck(
      'rollback-tested',
      account(async () => []),
      validateConfig({}),
      NOW,
    );
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'scope', status: 'SKIPPED' })]);
  });

  it('refuses a document name that is not one, naming the key', () => {
    expect(() =>
      validateConfig({ checks: { 'rollback-tested': { documents: ['no spaces allowed'] } } }),
    ).toThrow(/checks\.rollback-tested\.documents/);
  });
});
