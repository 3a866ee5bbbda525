import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
} from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listAutoScalingGroups, listGroupPolicies } from '../../../lambdas/aws/scaling/auto-scaling';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const asg = mockClient(AutoScalingClient);

afterAll(() => {
  asg.restore();
});
const client = new AutoScalingClient({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });
const GROUP = {
  AutoScalingGroupName: 'workers',
  AutoScalingGroupARN:
    'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:id:autoScalingGroupName/workers',
  MinSize: 2,
  MaxSize: 6,
  DesiredCapacity: 3,
  DefaultCooldown: 300,
  AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
  HealthCheckType: 'ELB',
  CreatedTime: new Date('2026-01-01T00:00:00Z'),
};

describe('listAutoScalingGroups', () => {
  beforeEach(() => asg.reset());

  it('asks for the largest page, follows NextToken and keeps sizes, zones and suspended processes', async () => {
    const pages = servePages([
      { AutoScalingGroups: [GROUP], NextToken: 'n2' },
      {
        AutoScalingGroups: [
          {
            ...GROUP,
            AutoScalingGroupName: 'b',
            SuspendedProcesses: [{ ProcessName: 'Launch', SuspensionReason: 'x' }],
          },
        ],
      },
    ]);
    asg.on(DescribeAutoScalingGroupsCommand).callsFake(pages.reply);
    expect(await listAutoScalingGroups(client)).toEqual([
      {
        name: 'workers',
        arn: GROUP.AutoScalingGroupARN,
        minSize: 2,
        maxSize: 6,
        desiredCapacity: 3,
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        suspendedProcesses: [],
      },
      expect.objectContaining({ name: 'b', suspendedProcesses: ['Launch'] }),
    ]);
    expect(pages.sent).toEqual([{ MaxRecords: 100 }, { MaxRecords: 100, NextToken: 'n2' }]);
  });

  it.each<[string, () => void, string]>([
    ['denied', () => asg.on(DescribeAutoScalingGroupsCommand).rejects(fail('AccessDenied')), 'access-denied'],
    [
      'throttled past the retries',
      () => asg.on(DescribeAutoScalingGroupsCommand).rejects(fail('Throttling')),
      'throttled',
    ],
    [
      'answered without a desired capacity',
      () =>
        asg
          .on(DescribeAutoScalingGroupsCommand)
          .resolves({ AutoScalingGroups: [{ ...GROUP, DesiredCapacity: undefined }] }),
      'malformed-response',
    ],
  ])('fails closed naming autoscaling:DescribeAutoScalingGroups when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await listAutoScalingGroups(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'autoscaling:DescribeAutoScalingGroups', kind });
  });
});

describe('listGroupPolicies', () => {
  beforeEach(() => asg.reset());

  it('lists every group’s policies at the largest page; a policy without Enabled is enabled', async () => {
    const pages = servePages([
      {
        ScalingPolicies: [
          {
            AutoScalingGroupName: 'workers',
            PolicyName: 'cpu',
            PolicyType: 'TargetTrackingScaling',
            Enabled: false,
          },
        ],
        NextToken: 'p2',
      },
      { ScalingPolicies: [{ AutoScalingGroupName: 'web', PolicyName: 'old' }] },
    ]);
    asg.on(DescribePoliciesCommand).callsFake(pages.reply);
    expect(await listGroupPolicies(client)).toEqual([
      { group: 'workers', name: 'cpu', type: 'TargetTrackingScaling', enabled: false },
      { group: 'web', name: 'old', type: 'SimpleScaling', enabled: true },
    ]);
    expect(pages.sent).toEqual([{ MaxRecords: 100 }, { MaxRecords: 100, NextToken: 'p2' }]);
  });

  it.each<[string, () => void, string]>([
    ['denied', () => asg.on(DescribePoliciesCommand).rejects(fail('AccessDenied')), 'access-denied'],
    [
      'throttled past the retries',
      () => asg.on(DescribePoliciesCommand).rejects(fail('Throttling')),
      'throttled',
    ],
    [
      'answered without a group',
      () => asg.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ PolicyName: 'x' }] }),
      'malformed-response',
    ],
  ])('fails closed naming autoscaling:DescribePolicies when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await listGroupPolicies(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ action: 'autoscaling:DescribePolicies', kind });
  });
});
