import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scalingPortsFromClients } from '../../../lambdas/aws/scaling';
import {
  listScalableTargets,
  listScalingPolicies,
} from '../../../lambdas/aws/scaling/application-autoscaling';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';

const NOW = new Date('2026-03-10T12:00:00Z');
const TARGET = {
  ServiceNamespace: 'ecs',
  ResourceId: 'service/prod/orders-api',
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 2,
  MaxCapacity: 10,
  RoleARN: 'arn:aws:iam::111122223333:role/scaling',
  CreationTime: 1_700_000_000,
};

describe('Application Auto Scaling through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: ApplicationAutoScalingClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'AnyScaleFrontendService' });
    client = new ApplicationAutoScalingClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // Four attempts 5 ms apart: the SDK's standard retry, no real waiting.
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('asks for the largest page of one namespace, retries a throttle, follows NextToken and keeps what is suspended', async () => {
    endpoint.script(
      'DescribeScalableTargets',
      awsJsonReply.throttle(),
      awsJsonReply.ok({ ScalableTargets: [TARGET], NextToken: 't2' }),
      awsJsonReply.ok({
        ScalableTargets: [
          {
            ...TARGET,
            ResourceId: 'service/prod/payments',
            MinCapacity: 1,
            SuspendedState: { DynamicScalingOutSuspended: true, ScheduledScalingSuspended: true },
          },
        ],
      }),
    );
    expect(await listScalableTargets(client, 'ecs')).toEqual([
      {
        namespace: 'ecs',
        resourceId: 'service/prod/orders-api',
        dimension: 'ecs:service:DesiredCount',
        minCapacity: 2,
        maxCapacity: 10,
        suspended: [],
      },
      {
        namespace: 'ecs',
        resourceId: 'service/prod/payments',
        dimension: 'ecs:service:DesiredCount',
        minCapacity: 1,
        maxCapacity: 10,
        suspended: ['scale-out', 'scheduled'],
      },
    ]);
    expect(endpoint.callsTo('DescribeScalableTargets').map((c) => c.body)).toEqual([
      { ServiceNamespace: 'ecs', MaxResults: 50 },
      { ServiceNamespace: 'ecs', MaxResults: 50 },
      { ServiceNamespace: 'ecs', MaxResults: 50, NextToken: 't2' },
    ]);
  });

  it('lists the policies of a whole namespace at the largest page, following NextToken', async () => {
    const policy = (name: string) => ({
      PolicyARN: `arn:aws:autoscaling:eu-west-1:111122223333:scalingPolicy:${name}`,
      PolicyName: name,
      ServiceNamespace: 'dynamodb',
      ResourceId: 'table/carts',
      ScalableDimension: 'dynamodb:table:ReadCapacityUnits',
      PolicyType: 'TargetTrackingScaling',
      CreationTime: 1_700_000_000,
    });
    endpoint.script(
      'DescribeScalingPolicies',
      awsJsonReply.ok({ ScalingPolicies: [policy('reads')], NextToken: 'p2' }),
      awsJsonReply.ok({ ScalingPolicies: [policy('reads-2')] }),
    );
    expect((await listScalingPolicies(client, 'dynamodb')).map((p) => p.name)).toEqual(['reads', 'reads-2']);
    expect(endpoint.callsTo('DescribeScalingPolicies').map((c) => c.body)).toEqual([
      { ServiceNamespace: 'dynamodb', MaxResults: 50 },
      { ServiceNamespace: 'dynamodb', MaxResults: 50, NextToken: 'p2' },
    ]);
  });

  it.each<[string, () => void, string, string]>([
    [
      'access is denied',
      () =>
        endpoint.script(
          'DescribeScalableTargets',
          awsJsonReply.error('AccessDeniedException', 'not authorized to perform DescribeScalableTargets'),
        ),
      'access-denied',
      'AccessDeniedException',
    ],
    [
      'throttled past the retries',
      () =>
        endpoint.script(
          'DescribeScalableTargets',
          ...Array.from({ length: 4 }, () => awsJsonReply.throttle()),
        ),
      'throttled',
      'ThrottlingException',
    ],
    [
      'a target comes without its maximum',
      () =>
        endpoint.script(
          'DescribeScalableTargets',
          awsJsonReply.ok({ ScalableTargets: [{ ...TARGET, MaxCapacity: undefined }] }),
        ),
      'malformed-response',
      'MissingField',
    ],
  ])(
    'fails closed naming application-autoscaling:DescribeScalableTargets when %s',
    async (_case, arrange, kind, code) => {
      arrange();
      const error = await listScalableTargets(client, 'ecs').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'application-autoscaling:DescribeScalableTargets', kind, code });
    },
  );

  it('turns throttling that outlasts the retries into ERROR findings naming the call, never a pass', async () => {
    // Every namespace's listing is throttled four times: 12 calls, 3 ERROR findings.
    endpoint.script('DescribeScalableTargets', ...Array.from({ length: 12 }, () => awsJsonReply.throttle()));
    const groups = new AutoScalingClient({ region: 'eu-west-1' });
    const account = {
      scaling: {
        ...scalingPortsFromClients(client, groups),
        listAutoScalingGroups: async () => [],
      },
    } as unknown as AccountPorts;

    const result = await runCheck('auto-scaling-policies', account, ConfigSchema.parse({}), NOW);

    expect(endpoint.callsTo('DescribeScalableTargets')).toHaveLength(12);
    expect(result.findings).toHaveLength(3);
    for (const finding of result.findings) {
      expect(finding).toMatchObject({
        checkId: 'auto-scaling-policies',
        status: 'ERROR',
        message: expect.stringContaining('application-autoscaling:DescribeScalableTargets'),
        evidence: expect.objectContaining({ code: 'ThrottlingException' }),
      });
    }
    groups.destroy();
  });
});
