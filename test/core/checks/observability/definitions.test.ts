import { describe, expect, it } from 'vitest';
import { observabilityChecks } from '../../../../lambdas/core/checks/observability/definitions';
import type { LogActivity, ObservabilityPorts } from '../../../../lambdas/core/checks/observability/ports';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const groupArn = (name: string) => `arn:aws:logs:${AT}:log-group:${name}`;
const fresh: LogActivity = { streams: 2, lastEventAt: new Date(NOW.getTime() - 60_000) };
const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no');

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: {
      environments: ['prod'],
      resources: { tags: { service: 'orders' } },
      keyMetrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'RequestCount' }],
    },
    billing: { environments: ['prod'], resources: { names: ['/ecs/billing'] } },
  },
});

function account(observability: Partial<ObservabilityPorts>, tagged: readonly string[] = []): AccountPorts {
  const unexpected = (name: string) => async () => {
    throw new Error(`unexpected call to ${name}`);
  };
  const scope: ScopePorts = {
    resourcesWithTags: async () => [...tagged],
    stackResources: async () => undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  return {
    observability: {
      listLogGroups: unexpected('listLogGroups'),
      logActivity: unexpected('logActivity'),
      countRecentlyActive: unexpected('countRecentlyActive'),
      ...observability,
    },
    scope,
  } as unknown as AccountPorts;
}

const GROUPS = ['/ecs/orders', '/aws/lambda/orders-worker', '/ecs/billing', '/aws/lambda/other'].map(
  (name) => ({
    name,
    arn: groupArn(name),
    retentionInDays: 30,
  }),
);

describe('log-delivery', () => {
  it('asks only for the log listings and the scope', () => {
    expect(observabilityChecks['log-delivery'].permissions).toEqual([
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
    expect(observabilityChecks['metrics-collection'].permissions).toEqual(['cloudwatch:ListMetrics']);
  });

  it("judges only the service's log groups, and reads the activity of no other", async () => {
    // Arrange
    const asked: string[] = [];
    const ports = account(
      {
        listLogGroups: async () => GROUPS,
        logActivity: async (name) => {
          asked.push(name);
          return fresh;
        },
      },
      [groupArn('/ecs/orders'), groupArn('/aws/lambda/orders-worker')],
    );
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });

    // Act
    const result = await runCheck('log-delivery', ports, CONFIG, NOW, { target });

    // Assert
    expect(asked.sort()).toEqual(['/aws/lambda/orders-worker', '/ecs/orders']);
    expect(result.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`)).toEqual([
      `recent-events ${groupArn('/ecs/orders')} PASS`,
      `retention ${groupArn('/ecs/orders')} PASS`,
      `recent-events ${groupArn('/aws/lambda/orders-worker')} PASS`,
      `retention ${groupArn('/aws/lambda/orders-worker')} PASS`,
    ]);
    expect(result.scope?.resources.map((r) => r.why[0]?.by)).toEqual(['tags', 'tags']);
  });

  it('takes a log group named by the service', async () => {
    const ports = account({ listLogGroups: async () => GROUPS, logActivity: async () => fresh });
    const target = resolveTarget(CONFIG, { service: 'billing', environment: 'prod' });
    const result = await runCheck('log-delivery', ports, CONFIG, NOW, { target });
    expect(new Set(result.findings.map((f) => f.resource))).toEqual(new Set([groupArn('/ecs/billing')]));
  });

  it('warns, never passes, when the service owns no log group', async () => {
    const ports = account({ listLogGroups: async () => GROUPS });
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('log-delivery', ports, CONFIG, NOW, { target });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: 'scope', status: 'WARN' });
    expect(result.findings[0]?.message).toContain('tag service=orders matched nothing');
  });

  it('is one ERROR naming the call when the log groups cannot be listed', async () => {
    const ports = account({
      listLogGroups: async () => {
        throw denied('logs:DescribeLogGroups');
      },
    });
    const result = await runCheck('log-delivery', ports, CONFIG, NOW);
    expect(result.findings).toMatchObject([{ rule: 'run', status: 'ERROR' }]);
    expect(result.findings[0]?.remediation).toContain('logs:DescribeLogGroups');
  });

  it('degrades one group alone when its streams cannot be read, its retention still judged', async () => {
    const ports = account({
      listLogGroups: async () => GROUPS.slice(0, 2),
      logActivity: async (name) => {
        if (name === '/ecs/orders') throw denied('logs:DescribeLogStreams');
        return fresh;
      },
    });
    const result = await runCheck('log-delivery', ports, CONFIG, NOW);
    expect(result.findings.map((f) => `${f.rule} ${f.status}`)).toEqual([
      'recent-events ERROR',
      'retention PASS',
      'recent-events PASS',
      'retention PASS',
    ]);
  });
});

describe('metrics-collection', () => {
  it("judges the service's key metrics", async () => {
    const asked: unknown[] = [];
    const ports = account({
      countRecentlyActive: async (metric) => {
        asked.push(metric);
        return 0;
      },
    });
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('metrics-collection', ports, CONFIG, NOW, { target });
    expect(asked).toEqual([{ namespace: 'AWS/ApplicationELB', metricName: 'RequestCount' }]);
    expect(result.findings).toMatchObject([
      { rule: 'datapoints', resource: 'AWS/ApplicationELB/RequestCount', status: 'FAIL' },
    ]);
  });

  it('warns for a service that names no key metric', async () => {
    const target = resolveTarget(CONFIG, { service: 'billing', environment: 'prod' });
    const result = await runCheck('metrics-collection', account({}), CONFIG, NOW, { target });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
    expect(result.findings[0]?.message).toContain('services.billing.keyMetrics names nothing');
  });

  it('refuses a key metric without a name, saying where', () => {
    expect(() =>
      validateConfig({
        checks: { 'metrics-collection': { metrics: [{ namespace: 'AWS/ApplicationELB' }] } },
      }),
    ).toThrow(/checks\.metrics-collection\.metrics\.\[?0\]?\.metricName/);
  });
});
