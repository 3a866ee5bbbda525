import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../lambdas/core/checks/run';
import { scalingChecks } from '../../../../lambdas/core/checks/scaling/definitions';
import type {
  AutoScalingGroup,
  ScalableTarget,
  ScalingNamespace,
  ScalingPorts,
} from '../../../../lambdas/core/checks/scaling/ports';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const target = (resourceId: string, namespace: ScalingNamespace = 'ecs'): ScalableTarget => ({
  namespace,
  resourceId,
  dimension: namespace === 'ecs' ? 'ecs:service:DesiredCount' : 'rds:cluster:ReadReplicaCount',
  minCapacity: 2,
  maxCapacity: 10,
  suspended: [],
});
const groupArn = (name: string) =>
  `arn:aws:autoscaling:${AT}:autoScalingGroup:id-${name}:autoScalingGroupName/${name}`;
const group = (name: string): AutoScalingGroup => ({
  name,
  arn: groupArn(name),
  minSize: 2,
  maxSize: 6,
  desiredCapacity: 2,
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  suspendedProcesses: [],
});

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } },
    payments: {
      environments: ['prod'],
      resources: { stacks: ['payments-prod'], names: ['payments-workers'] },
    },
    search: { environments: ['prod'], resources: { tags: { service: 'search' } } },
  },
});

/** Ports recording every call; `fail` names a call that throws. */
function account(fail?: string) {
  const calls: string[] = [];
  const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDenied', 'no');
  const scaling: ScalingPorts = {
    listScalableTargets: async (namespace) => {
      calls.push(`targets ${namespace}`);
      if (fail === `targets ${namespace}`) throw denied('application-autoscaling:DescribeScalableTargets');
      if (namespace === 'ecs') return [target('service/prod/orders-api'), target('service/prod/other')];
      if (namespace === 'rds') return [target('cluster:payments-aurora', 'rds')];
      return [];
    },
    listScalingPolicies: async (namespace) => {
      calls.push(`policies ${namespace}`);
      if (fail === `policies ${namespace}`) throw denied('application-autoscaling:DescribeScalingPolicies');
      return [
        {
          resourceId: 'service/prod/orders-api',
          dimension: 'ecs:service:DesiredCount',
          name: 'cpu',
          type: 'TargetTrackingScaling',
        },
        {
          resourceId: 'cluster:payments-aurora',
          dimension: 'rds:cluster:ReadReplicaCount',
          name: 'readers',
          type: 'TargetTrackingScaling',
        },
      ];
    },
    listAutoScalingGroups: async () => {
      calls.push('groups');
      if (fail === 'groups') throw denied('autoscaling:DescribeAutoScalingGroups');
      return [group('payments-workers'), group('orders-workers')];
    },
    listGroupPolicies: async () => {
      calls.push('group policies');
      if (fail === 'group policies') throw denied('autoscaling:DescribePolicies');
      return [{ group: 'orders-workers', name: 'cpu', type: 'TargetTrackingScaling', enabled: true }];
    },
  };
  const scope: ScopePorts = {
    resourcesWithTags: async (tags, types) =>
      tags.service === 'orders' && types.includes('ecs:service')
        ? [`arn:aws:ecs:${AT}:service/prod/orders-api`, groupArn('orders-workers')]
        : [],
    stackResources: async (stack) =>
      stack === 'payments-prod'
        ? [{ logicalId: 'Cluster', type: 'AWS::RDS::DBCluster', physicalId: 'payments-aurora' }]
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  return { ports: { scaling, scope } as unknown as AccountPorts, calls };
}

const summary = (findings: readonly { rule: string; resource: string; status: string }[]) =>
  findings.map((f) => `${f.rule} ${f.resource.replace(/^.*\//, '')} ${f.status}`);

describe('the auto-scaling-policies check', () => {
  it('asks for the targets, the groups, their policies, and the scope', () => {
    expect(scalingChecks['auto-scaling-policies'].permissions).toEqual([
      'application-autoscaling:DescribeScalableTargets',
      'application-autoscaling:DescribeScalingPolicies',
      'autoscaling:DescribeAutoScalingGroups',
      'autoscaling:DescribePolicies',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("judges the service's ECS service and group only (by tag), and lists no policies it does not need", async () => {
    const { ports, calls } = account();
    const result = await runCheck('auto-scaling-policies', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual([
      'policies orders-api PASS',
      'minimum-capacity orders-api PASS',
      'headroom orders-api PASS',
      'policies orders-workers PASS',
      'minimum-capacity orders-workers PASS',
      'headroom orders-workers PASS',
    ]);
    // No rds or dynamodb target is the service's: their policies are never listed.
    expect(calls.sort()).toEqual([
      'group policies',
      'groups',
      'policies ecs',
      'targets dynamodb',
      'targets ecs',
      'targets rds',
    ]);
  });

  it("judges a stack's Aurora cluster (by ARN built from the stack) and a group named in the service", async () => {
    const { ports } = account();
    const result = await runCheck('auto-scaling-policies', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'payments', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual([
      'policies cluster:payments-aurora PASS',
      'minimum-capacity cluster:payments-aurora PASS',
      'headroom cluster:payments-aurora PASS',
      'policies payments-workers FAIL',
      'minimum-capacity payments-workers PASS',
      'headroom payments-workers PASS',
    ]);
  });

  it('lets one failing listing degrade only what needs it', async () => {
    const { ports } = account('group policies');
    const result = await runCheck('auto-scaling-policies', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }),
    });
    expect(summary(result.findings)).toEqual([
      'policies orders-api PASS',
      'minimum-capacity orders-api PASS',
      'headroom orders-api PASS',
      'policies orders-workers ERROR',
      'minimum-capacity orders-workers PASS',
      'headroom orders-workers PASS',
    ]);
    expect(result.findings[3]?.message).toContain('autoscaling:DescribePolicies');
  });

  it('reports a namespace that could not be listed as ERROR naming the call, never as nothing to judge', async () => {
    const { ports } = account('targets rds');
    const result = await runCheck('auto-scaling-policies', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'search', environment: 'prod' }),
    });
    expect(result.findings).toMatchObject([
      {
        rule: 'policies',
        resource: 'application-autoscaling:rds',
        status: 'ERROR',
        message: expect.stringContaining('application-autoscaling:DescribeScalableTargets'),
      },
    ]);
  });

  it('warns, never passes, for a service with nothing that scales', async () => {
    const { ports } = account();
    const result = await runCheck('auto-scaling-policies', ports, CONFIG, NOW, {
      target: resolveTarget(CONFIG, { service: 'search', environment: 'prod' }),
    });
    expect(result.findings).toMatchObject([{ rule: 'scope', status: 'WARN' }]);
  });

  it('judges everything, building no ARN, for the whole account', async () => {
    const { ports } = account();
    const location = ports.scope.location;
    let located = 0;
    (ports.scope as { location: typeof location }).location = async () => {
      located += 1;
      return location();
    };
    const result = await runCheck('auto-scaling-policies', ports, validateConfig({}), NOW);
    expect(located).toBe(0);
    expect(new Set(result.findings.map((f) => f.resource.replace(/^.*\//, '')))).toEqual(
      new Set(['orders-api', 'other', 'cluster:payments-aurora', 'payments-workers', 'orders-workers']),
    );
  });
});
