import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  listTargetGroups,
  TARGET_GROUPS_PAGE_SIZE,
  targetHealth,
} from '../../../lambdas/aws/load-balancing/elbv2';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const elb = mockClient(ElasticLoadBalancingV2Client);

afterAll(() => {
  elb.restore();
});
const client = new ElasticLoadBalancingV2Client({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });

describe('listTargetGroups', () => {
  beforeEach(() => elb.reset());

  it('asks for the largest page, follows NextMarker and keeps the health check settings', async () => {
    const pages = servePages([
      {
        TargetGroups: [
          {
            TargetGroupName: 'a',
            TargetGroupArn: 'arn:a',
            HealthCheckEnabled: true,
            HealthCheckProtocol: 'HTTP',
            HealthCheckPath: '/health',
            HealthCheckIntervalSeconds: 15,
            HealthCheckTimeoutSeconds: 5,
            HealthyThresholdCount: 3,
            UnhealthyThresholdCount: 2,
            LoadBalancerArns: ['arn:lb'],
            TargetType: 'ip',
          },
        ],
        NextMarker: 'm2',
      },
      // No HealthCheckEnabled in the answer: read as off, never as on.
      { TargetGroups: [{ TargetGroupName: 'b', TargetGroupArn: 'arn:b' }] },
    ]);
    elb.on(DescribeTargetGroupsCommand).callsFake(pages.reply);
    expect(await listTargetGroups(client)).toEqual([
      {
        name: 'a',
        arn: 'arn:a',
        loadBalancerArns: ['arn:lb'],
        healthCheckEnabled: true,
        targetType: 'ip',
        healthCheckProtocol: 'HTTP',
        healthCheckPath: '/health',
        intervalSeconds: 15,
        timeoutSeconds: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 2,
      },
      { name: 'b', arn: 'arn:b', loadBalancerArns: [], healthCheckEnabled: false },
    ]);
    expect(pages.sent).toEqual([
      { PageSize: TARGET_GROUPS_PAGE_SIZE },
      { PageSize: TARGET_GROUPS_PAGE_SIZE, Marker: 'm2' },
    ]);
  });

  it.each<[string, () => void, string]>([
    ['denied', () => elb.on(DescribeTargetGroupsCommand).rejects(fail('AccessDenied')), 'access-denied'],
    [
      'throttled past the retries',
      () => elb.on(DescribeTargetGroupsCommand).rejects(fail('Throttling')),
      'throttled',
    ],
    [
      'answered without an ARN',
      () => elb.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [{ TargetGroupName: 'x' }] }),
      'malformed-response',
    ],
  ])(
    'fails closed naming elasticloadbalancing:DescribeTargetGroups when %s',
    async (_case, arrange, kind) => {
      arrange();
      const error = await listTargetGroups(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'elasticloadbalancing:DescribeTargetGroups', kind });
    },
  );
});

describe('targetHealth', () => {
  beforeEach(() => elb.reset());

  it('gives each target with its port, state and reason', async () => {
    elb.on(DescribeTargetHealthCommand, { TargetGroupArn: 'arn:a' }).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: 'i-1', Port: 8080 }, TargetHealth: { State: 'healthy' } },
        {
          Target: { Id: '10.0.0.9' },
          TargetHealth: { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' },
        },
      ],
    });
    expect(await targetHealth(client, 'arn:a')).toEqual([
      { target: 'i-1:8080', state: 'healthy' },
      { target: '10.0.0.9', state: 'unhealthy', reason: 'Target.Timeout', description: 'Request timed out' },
    ]);
  });

  it.each<[string, () => void, string]>([
    ['denied', () => elb.on(DescribeTargetHealthCommand).rejects(fail('AccessDenied')), 'access-denied'],
    ['throttled', () => elb.on(DescribeTargetHealthCommand).rejects(fail('Throttling')), 'throttled'],
    [
      'answered without a state',
      () =>
        elb
          .on(DescribeTargetHealthCommand)
          .resolves({ TargetHealthDescriptions: [{ Target: { Id: 'i-1' } }] }),
      'malformed-response',
    ],
  ])(
    'fails closed naming elasticloadbalancing:DescribeTargetHealth when %s',
    async (_case, arrange, kind) => {
      arrange();
      const error = await targetHealth(client, 'arn:a').catch((e: unknown) => e);
      expect(error).toMatchObject({ action: 'elasticloadbalancing:DescribeTargetHealth', kind });
    },
  );
});
