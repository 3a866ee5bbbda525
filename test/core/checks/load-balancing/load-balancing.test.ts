import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { loadBalancingChecks } from '../../../../lambdas/core/checks/load-balancing/definitions';
import type {
  LoadBalancingPorts,
  TargetGroup,
  TargetState,
} from '../../../../lambdas/core/checks/load-balancing/ports';
import { judgeHealthCheck } from '../../../../lambdas/core/checks/load-balancing/rules/load-balancer-health-checks/health-check';
import { judgeTargetHealth } from '../../../../lambdas/core/checks/load-balancing/rules/load-balancer-health-checks/target-health';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const tgArn = (name: string) => `arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/${name}/abc`;
const GOOD: TargetGroup = {
  name: 'orders',
  arn: tgArn('orders'),
  targetType: 'instance',
  loadBalancerArns: ['arn:lb'],
  healthCheckEnabled: true,
  healthCheckProtocol: 'HTTP',
  healthCheckPath: '/health',
  intervalSeconds: 15,
  timeoutSeconds: 5,
  healthyThreshold: 3,
  unhealthyThreshold: 3,
};
const SETTINGS = { maxDetectionSeconds: 90, allowRootPath: false };

describe('health-check', () => {
  it.each<[string, Partial<TargetGroup>, Partial<typeof SETTINGS>, string, RegExp]>([
    ['a sensible check', {}, {}, 'PASS', /checks HTTP \/health every 15 s; a dead target is out within 45 s/],
    ['checks turned off', { healthCheckEnabled: false }, {}, 'FAIL', /health checks turned off/],
    ['slow detection', { intervalSeconds: 60, unhealthyThreshold: 5 }, {}, 'WARN', /only after 300 s/],
    ['exactly the limit', { intervalSeconds: 30, unhealthyThreshold: 3 }, {}, 'PASS', /within 90 s/],
    [
      'a timeout as long as the interval',
      { timeoutSeconds: 15 },
      {},
      'WARN',
      /not shorter than the interval/,
    ],
    ['the root path', { healthCheckPath: '/' }, {}, 'WARN', /checks `\/`/],
    ['the root path, allowed', { healthCheckPath: '/' }, { allowRootPath: true }, 'PASS', /HTTP \/ every/],
    [
      'a TCP check',
      { healthCheckProtocol: 'TCP', healthCheckPath: undefined },
      {},
      'PASS',
      /checks TCP every/,
    ],
  ])('%s: %s', (_case, change, settings, status, message) => {
    const finding = judgeHealthCheck({ ...GOOD, ...change }, { ...SETTINGS, ...settings });
    expect(finding).toMatchObject({ checkId: 'load-balancer-health-checks', rule: 'health-check', status });
    expect(finding.message).toMatch(message);
  });
});

describe('target-health', () => {
  const t = (state: string, reason?: string): TargetState => ({
    target: `i-${state}`,
    state,
    ...(reason ? { reason } : {}),
  });
  it.each<[string, TargetState[], Partial<TargetGroup>, string]>([
    ['every target healthy', [t('healthy'), t('healthy')], {}, 'PASS'],
    ['one unhealthy', [t('healthy'), t('unhealthy', 'Target.Timeout')], {}, 'FAIL'],
    ['one unavailable', [t('unavailable')], {}, 'FAIL'],
    ['one still starting', [t('healthy'), t('initial')], {}, 'WARN'],
    ['none, behind a load balancer', [], {}, 'FAIL'],
    ['none, and no load balancer', [], { loadBalancerArns: [] }, 'WARN'],
  ])('%s: %s', (_case, targets, change, status) => {
    expect(judgeTargetHealth({ ...GOOD, ...change }, succeeded(targets))).toMatchObject({
      rule: 'target-health',
      status,
    });
  });

  it('names the failing target and why', () => {
    const finding = judgeTargetHealth(GOOD, succeeded([t('unhealthy', 'Target.ResponseCodeMismatch')]));
    expect(finding.message).toContain('i-unhealthy unhealthy (Target.ResponseCodeMismatch)');
  });

  it('is ERROR, never PASS, when the health could not be read', () => {
    const denied = new AwsCallError(
      'elasticloadbalancing:DescribeTargetHealth',
      'access-denied',
      'AccessDenied',
      'no',
    );
    expect(judgeTargetHealth(GOOD, { ok: false, error: denied })).toMatchObject({
      status: 'ERROR',
      evidence: { code: 'AccessDenied' },
    });
  });
});

describe('the load-balancer-health-checks check', () => {
  const CONFIG = validateConfig({
    environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
    services: {
      orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
      search: { environments: ['prod'], resources: { tags: { service: 'search' } } },
    },
  });
  const account = (ports: Partial<LoadBalancingPorts>, tagged: string[]): AccountPorts => {
    const scope: ScopePorts = {
      resourcesWithTags: async (_tags, types) =>
        types.includes('elasticloadbalancing:targetgroup') ? tagged : [],
      stackResources: async () => undefined,
      location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
    };
    return { loadBalancing: ports, scope } as unknown as AccountPorts;
  };

  it('asks for the target groups, their health, and the scope', () => {
    expect(loadBalancingChecks['load-balancer-health-checks'].permissions).toEqual([
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetHealth',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the service's target groups only, and reads no other's health", async () => {
    const asked: string[] = [];
    const other = { ...GOOD, name: 'other', arn: tgArn('other') };
    const ports = account(
      {
        listTargetGroups: async () => [GOOD, other],
        targetHealth: async (arn) => {
          asked.push(arn);
          throw new AwsCallError(
            'elasticloadbalancing:DescribeTargetHealth',
            'throttled',
            'Throttling',
            'slow',
          );
        },
      },
      [GOOD.arn],
    );
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const result = await runCheck('load-balancer-health-checks', ports, CONFIG, NOW, { target });
    expect(asked).toEqual([GOOD.arn]);
    // The health that could not be read degrades that rule alone.
    expect(result.findings.map((f) => `${f.rule} ${f.status}`)).toEqual([
      'health-check PASS',
      'target-health ERROR',
    ]);
  });

  it('warns, never passes, for a service without target groups', async () => {
    const ports = account({ listTargetGroups: async () => [GOOD] }, []);
    const target = resolveTarget(CONFIG, { service: 'search', environment: 'prod' });
    const result = await runCheck('load-balancer-health-checks', ports, CONFIG, NOW, { target });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });
});
