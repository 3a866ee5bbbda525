import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import type { AutoScalingGroup, ScalableTarget } from '../../../../lambdas/core/checks/scaling/ports';
import {
  judgeHeadroom,
  percentOfMax,
} from '../../../../lambdas/core/checks/scaling/rules/auto-scaling-policies/headroom';
import { judgeMinimumCapacity } from '../../../../lambdas/core/checks/scaling/rules/auto-scaling-policies/minimum-capacity';
import { judgePolicies } from '../../../../lambdas/core/checks/scaling/rules/auto-scaling-policies/policies';
import {
  fromAutoScalingGroup,
  fromScalableTarget,
  identityOfTarget,
  type PolicySummary,
  type Scalable,
} from '../../../../lambdas/core/checks/scaling/scalables';
import { AwsCallError } from '../../../../lambdas/core/errors';

const SETTINGS = { minCapacity: 2, minZones: 2, minAuroraReplicas: 1, warnPercentOfMax: 90 };
const ECS: ScalableTarget = {
  namespace: 'ecs',
  resourceId: 'service/prod/orders-api',
  dimension: 'ecs:service:DesiredCount',
  minCapacity: 2,
  maxCapacity: 10,
  suspended: [],
};
const GROUP: AutoScalingGroup = {
  name: 'workers',
  arn: 'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:abc:autoScalingGroupName/workers',
  minSize: 2,
  maxSize: 10,
  desiredCapacity: 4,
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  suspendedProcesses: [],
};
const POLICY: PolicySummary = { name: 'cpu-60', type: 'TargetTrackingScaling', enabled: true };
const group = (change: Partial<AutoScalingGroup> = {}) => fromAutoScalingGroup({ ...GROUP, ...change });
const ecs = (change: Partial<ScalableTarget> = {}) => fromScalableTarget({ ...ECS, ...change });

describe('policies', () => {
  it.each<[string, Scalable, PolicySummary[], string, RegExp]>([
    ['a target tracking policy', ecs(), [POLICY], 'PASS', /ecs service orders-api scales with cpu-60/],
    ['no policy', ecs(), [], 'FAIL', /has no scaling policy/],
    ['only a disabled policy', group(), [{ ...POLICY, enabled: false }], 'FAIL', /only disabled/],
    ['scaling out suspended', ecs({ suspended: ['scale-out'] }), [POLICY], 'FAIL', /scaling out suspended/],
    [
      'launches suspended',
      group({ suspendedProcesses: ['Launch'] }),
      [POLICY],
      'FAIL',
      /cannot add capacity/,
    ],
    ['scaling in suspended', ecs({ suspended: ['scale-in'] }), [POLICY], 'WARN', /scale-in is suspended/],
    ['a group with a policy', group(), [POLICY], 'PASS', /Auto Scaling group workers scales/],
  ])('%s: %s', (_case, scalable, policies, status, message) => {
    const finding = judgePolicies(scalable, succeeded(policies));
    expect(finding).toMatchObject({ checkId: 'auto-scaling-policies', rule: 'policies', status });
    expect(finding.message).toMatch(message);
  });

  it('is ERROR, never PASS, when the policies could not be listed', () => {
    const denied = new AwsCallError('autoscaling:DescribePolicies', 'access-denied', 'AccessDenied', 'no');
    expect(judgePolicies(group(), { ok: false, error: denied })).toMatchObject({
      status: 'ERROR',
      message: expect.stringContaining('autoscaling:DescribePolicies'),
      evidence: { code: 'AccessDenied' },
    });
  });
});

describe('minimum-capacity', () => {
  it.each<[string, Scalable, Partial<typeof SETTINGS>, string | undefined, RegExp?]>([
    ['two tasks', ecs(), {}, 'PASS', /keeps at least 2 task/],
    ['one task', ecs({ minCapacity: 1 }), {}, 'FAIL', /minimum is 1 task\(s\) \(at least 2\)/],
    ['one task where one is allowed', ecs({ minCapacity: 1 }), { minCapacity: 1 }, 'PASS', /at least 1 task/],
    ['a group over two zones', group(), {}, 'PASS', /across 2 Availability Zones/],
    [
      'a group in one zone',
      group({ availabilityZones: ['eu-west-1a'] }),
      {},
      'FAIL',
      /spans 1 Availability Zone/,
    ],
    [
      'a group of one in one zone',
      group({ minSize: 1, availabilityZones: ['eu-west-1a'] }),
      {},
      'FAIL',
      /minimum is 1 instance\(s\).*; it spans 1/,
    ],
    [
      'an Aurora cluster without a replica',
      fromScalableTarget({ ...ECS, namespace: 'rds', resourceId: 'cluster:pay', minCapacity: 0 }),
      {},
      'FAIL',
      /minimum is 0 replica/,
    ],
    [
      'an Aurora cluster with one replica',
      fromScalableTarget({ ...ECS, namespace: 'rds', resourceId: 'cluster:pay', minCapacity: 1 }),
      {},
      'PASS',
      /aurora cluster pay keeps at least 1 replica/,
    ],
    [
      'a DynamoDB table (capacity units, not copies)',
      fromScalableTarget({ ...ECS, namespace: 'dynamodb', resourceId: 'table/t', minCapacity: 1 }),
      {},
      undefined,
    ],
  ])('%s: %s', (_case, scalable, settings, status, message) => {
    const finding = judgeMinimumCapacity(scalable, { ...SETTINGS, ...settings });
    if (status === undefined) {
      expect(finding).toBeUndefined();
      return;
    }
    expect(finding).toMatchObject({ rule: 'minimum-capacity', status });
    expect(finding?.message).toMatch(message ?? /./);
  });
});

describe('headroom', () => {
  it.each<[string, Scalable, string, RegExp]>([
    ['a group well below its maximum', group(), 'PASS', /runs 4 of at most 10 \(40%\)/],
    ['a group at 89%', group({ maxSize: 9, desiredCapacity: 8 }), 'PASS', /\(88%\)/],
    ['a group at 90% exactly', group({ desiredCapacity: 9 }), 'WARN', /90%, warning from 90%/],
    ['a group at its maximum', group({ desiredCapacity: 10 }), 'FAIL', /at its maximum/],
    [
      'a group that cannot grow',
      group({ minSize: 4, maxSize: 4, desiredCapacity: 4 }),
      'FAIL',
      /cannot scale out/,
    ],
    ['a target with room', ecs(), 'PASS', /can scale from 2 to 10 \(its current capacity is not reported/],
    ['a target with max = min', ecs({ minCapacity: 3, maxCapacity: 3 }), 'FAIL', /cannot scale out/],
  ])('%s: %s', (_case, scalable, status, message) => {
    const finding = judgeHeadroom(scalable, SETTINGS);
    expect(finding).toMatchObject({ rule: 'headroom', status });
    expect(finding.message).toMatch(message);
  });

  it('rounds the percentage down, as shown', () => {
    expect(percentOfMax(8, 9)).toBe(88);
    expect(percentOfMax(0, 0)).toBe(100);
  });
});

describe('scalable targets', () => {
  const at = { partition: 'aws', accountId: '111122223333', region: 'eu-west-1' };
  it.each<[ScalableTarget['namespace'], string, string | undefined, string]>([
    [
      'ecs',
      'service/prod/orders-api',
      'arn:aws:ecs:eu-west-1:111122223333:service/prod/orders-api',
      'orders-api',
    ],
    ['dynamodb', 'table/carts', 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts', 'carts'],
    ['dynamodb', 'table/carts/index/by-user', 'arn:aws:dynamodb:eu-west-1:111122223333:table/carts', 'carts'],
    ['rds', 'cluster:Payments', 'arn:aws:rds:eu-west-1:111122223333:cluster:payments', 'Payments'],
  ])('%s %s is the resource %s, named %s', (namespace, resourceId, arn, name) => {
    expect(identityOfTarget({ ...ECS, namespace, resourceId }, at)).toEqual({ arn, names: [name] });
  });

  it('builds no ARN without a location (the whole account needs none)', () => {
    expect(identityOfTarget(ECS)).toEqual({ names: ['orders-api'] });
  });

  it('names the DynamoDB dimension in the resource: reads and writes scale apart', () => {
    const reads = fromScalableTarget({
      ...ECS,
      namespace: 'dynamodb',
      resourceId: 'table/carts',
      dimension: 'dynamodb:table:ReadCapacityUnits',
    });
    expect(reads).toMatchObject({ kind: 'dynamodb-table', resource: 'table/carts ReadCapacityUnits' });
  });
});
