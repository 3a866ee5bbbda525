import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { CheckResult } from '../../../lambdas/core/findings';
import { followupItems, planFollowups } from '../../../lambdas/core/followups/plan';
import { followupReport } from '../../../lambdas/core/followups/report';

const BASE = {
  deploymentId: 'build-7',
  service: 'orders',
  environment: 'prod',
  decidedAt: '2026-11-26T10:35:12.000Z',
};

describe('planFollowups', () => {
  it('plans one-time schedules 1 hour, 24 hours and 7 days after PROCEED', () => {
    expect(planFollowups(BASE).map((p) => [p.name, p.expression, p.request.delay])).toEqual([
      ['preflight-build-7-1h', 'at(2026-11-26T11:35:12)', '1h'],
      ['preflight-build-7-24h', 'at(2026-11-27T10:35:12)', '24h'],
      ['preflight-build-7-7d', 'at(2026-12-03T10:35:12)', '7d'],
    ]);
  });

  it('keeps schedule names valid and within 64 characters', () => {
    const [first] = planFollowups({ ...BASE, deploymentId: `gh/${'x'.repeat(100)}` });
    expect(first?.name).toMatch(/^preflight-gh-x+-[0-9a-f]{10}-1h$/);
    expect(first?.name.length).toBeLessThanOrEqual(64);
  });
});

describe('followupItems', () => {
  it.each([
    ['1h', ['post-1h.business-transactions', 'post-1h.external-integrations']],
    ['24h', ['post-24h.performance-trend', 'post-24h.error-patterns']],
    ['7d', ['post-7d.success-metrics', 'post-7d.lessons-learned']],
  ] as const)('lists the checklist items of the %s follow-up', (delay, some) => {
    const ids = followupItems(SEED_CHECKLIST, delay).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([...some]));
  });
});

describe('followupReport', () => {
  const healthy: CheckResult = {
    checkId: 'alarms',
    startedAt: '',
    durationMs: 1,
    findings: [{ checkId: 'alarms', rule: 'alarm', resource: 'a', status: 'PASS', message: 'ok' }],
  };

  it('passes when the checks still pass and nothing happened since', () => {
    const report = followupReport(
      { ...BASE, delay: '1h' },
      followupItems(SEED_CHECKLIST, '1h'),
      [healthy],
      [],
    );
    expect(report.status).toBe('PASS');
    expect(report.subject).toBe('Preflight follow-up 1h PASS: orders prod build-7');
    expect(report.email).toContain('  [ ] post-1h.monitoring-alerts  Confirm monitoring alerts functional');
    expect(report.sms.length).toBeLessThanOrEqual(160);
  });

  it('fails on a failing check or an incident since the deployment', () => {
    const broken: CheckResult = {
      ...healthy,
      findings: [
        {
          checkId: 'alarms',
          rule: 'actions',
          resource: 'orders-5xx',
          status: 'FAIL',
          message: 'notifies nobody',
        },
      ],
    };
    const abort = {
      kind: 'abort' as const,
      id: 'x',
      at: '2026-11-26T12:00:00.000Z',
      service: 'orders',
      environment: 'prod',
      deploymentId: 'build-7',
      runId: 'build-7',
      reasonCode: 'user-impact',
      text: 'checkout errors',
    };
    const report = followupReport({ ...BASE, delay: '24h' }, [], [broken], [abort]);
    expect(report.status).toBe('FAIL');
    expect(report.email).toContain('    FAIL alarms orders-5xx: notifies nobody');
    expect(report.email).toContain('  abort at 2026-11-26T12:00:00.000Z');
    expect(report.sms).toBe('Preflight follow-up 24h orders prod build-7: FAIL, 1 failing, 1 incidents.');
  });

  it("counts later deployments of the same service in the same environment only, not other services'", () => {
    const decided = (deploymentId: string, service: string, environment: string) => ({
      kind: 'watch-decided' as const,
      id: `${deploymentId}#watch-decided`,
      at: '2026-11-26T12:00:00.000Z',
      service,
      environment,
      deploymentId,
      runId: deploymentId,
      decision: 'PROCEED' as const,
    });
    const since = [
      decided('build-8', 'orders', 'prod'),
      decided('billing-3', 'billing', 'prod'),
      decided('build-9', 'orders', 'staging'),
    ];

    const report = followupReport({ ...BASE, delay: '24h' }, [], [healthy], since);

    expect(report.email).toContain('  1 later deployment(s) of orders prod decided since');
  });
});
