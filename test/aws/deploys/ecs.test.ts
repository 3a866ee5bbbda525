import { ECSClient } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DESCRIBE_SERVICES_BATCH,
  describeEcsServices,
  ECS_PAGE_SIZE,
  listEcsServices,
} from '../../../lambdas/aws/deploys/ecs';
import { AwsCallError } from '../../../lambdas/core/errors';
import { type AwsJsonCall, awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';
import { localClientConfig } from './local-clients';

const AT = 'eu-west-1:111122223333';
const CLUSTER = `arn:aws:ecs:${AT}:cluster/prod`;
const serviceArn = (i: number) => `arn:aws:ecs:${AT}:service/prod/svc-${i}`;

describe('ECS through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: ECSClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'AmazonEC2ContainerServiceV20141113' });
    client = new ECSClient(localClientConfig(endpoint.url));
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('lists every cluster and every service at the largest page, following the tokens', async () => {
    endpoint.script(
      'ListClusters',
      awsJsonReply.throttle(),
      awsJsonReply.ok({ clusterArns: [CLUSTER], nextToken: 'c2' }),
      awsJsonReply.ok({ clusterArns: [] }),
    );
    endpoint.script(
      'ListServices',
      awsJsonReply.ok({ serviceArns: [serviceArn(1)], nextToken: 's2' }),
      awsJsonReply.ok({ serviceArns: [serviceArn(2)] }),
    );
    expect(await listEcsServices(client)).toEqual([
      { arn: serviceArn(1), name: 'svc-1', clusterArn: CLUSTER },
      { arn: serviceArn(2), name: 'svc-2', clusterArn: CLUSTER },
    ]);
    expect(endpoint.callsTo('ListClusters').map((c) => c.body)).toEqual([
      { maxResults: ECS_PAGE_SIZE },
      { maxResults: ECS_PAGE_SIZE },
      { maxResults: ECS_PAGE_SIZE, nextToken: 'c2' },
    ]);
    expect(endpoint.callsTo('ListServices').map((c) => c.body)).toEqual([
      { cluster: CLUSTER, maxResults: ECS_PAGE_SIZE },
      { cluster: CLUSTER, maxResults: ECS_PAGE_SIZE, nextToken: 's2' },
    ]);
  });

  it('describes services ten to a call and reads their deployment settings', async () => {
    const arns = Array.from({ length: 23 }, (_, i) => serviceArn(i));
    const answer = (call: AwsJsonCall) =>
      awsJsonReply.ok({
        services: (call.body.services as string[]).map((arn, i) => ({
          serviceArn: arn,
          serviceName: arn.slice(arn.lastIndexOf('/') + 1),
          clusterArn: CLUSTER,
          ...(i === 0
            ? {
                deploymentController: { type: 'ECS' },
                deploymentConfiguration: {
                  deploymentCircuitBreaker: { enable: true, rollback: true },
                  alarms: { alarmNames: ['svc-5xx'], enable: true, rollback: true },
                },
              }
            : {}),
        })),
      });
    endpoint.script('DescribeServices', answer, answer, answer);
    const { services, failures } = await describeEcsServices(client, CLUSTER, arns);
    expect(services).toHaveLength(23);
    expect(failures).toEqual([]);
    expect(endpoint.callsTo('DescribeServices').map((c) => (c.body.services as string[]).length)).toEqual([
      DESCRIBE_SERVICES_BATCH,
      DESCRIBE_SERVICES_BATCH,
      3,
    ]);
    expect(services[0]).toEqual({
      arn: serviceArn(0),
      name: 'svc-0',
      clusterArn: CLUSTER,
      deploymentController: 'ECS',
      circuitBreaker: { enable: true, rollback: true },
      alarms: { names: ['svc-5xx'], enable: true, rollback: true },
    });
    // No controller and no circuit breaker in the answer: ECS's rolling update, without a breaker.
    expect(services[1]).toEqual({
      arn: serviceArn(1),
      name: 'svc-1',
      clusterArn: CLUSTER,
      deploymentController: 'ECS',
    });
  });

  it('leaves out a service ECS reports gone since the listing', async () => {
    endpoint.script(
      'DescribeServices',
      awsJsonReply.ok({
        services: [{ serviceArn: serviceArn(1) }],
        failures: [{ arn: serviceArn(2), reason: 'MISSING' }],
      }),
    );
    const { services, failures } = await describeEcsServices(client, CLUSTER, [serviceArn(1), serviceArn(2)]);
    expect(services.map((s) => s.arn)).toEqual([serviceArn(1)]);
    expect(failures).toEqual([]);
  });

  it('returns a service ECS could not describe for another reason, naming the call and the service', async () => {
    endpoint.script(
      'DescribeServices',
      awsJsonReply.ok({
        services: [{ serviceArn: serviceArn(1) }],
        failures: [
          { arn: serviceArn(2), reason: 'ACCESS_DENIED', detail: 'cross-account' },
          { arn: serviceArn(3), reason: 'MISSING' },
        ],
      }),
    );
    const { services, failures } = await describeEcsServices(client, CLUSTER, [1, 2, 3].map(serviceArn));
    expect(services.map((s) => s.arn)).toEqual([serviceArn(1)]);
    expect(failures).toEqual([{ arn: serviceArn(2), error: expect.any(AwsCallError) }]);
    expect(failures[0]?.error).toMatchObject({
      action: 'ecs:DescribeServices',
      code: 'ACCESS_DENIED',
      message: `ecs:DescribeServices failed (ACCESS_DENIED): ${serviceArn(2)}: cross-account`,
    });
  });

  it.each<[string, () => void, string, string]>([
    [
      'denied',
      () => endpoint.script('ListClusters', awsJsonReply.error('AccessDeniedException', 'no')),
      'ecs:ListClusters',
      'access-denied',
    ],
    [
      'throttled past the retries',
      () => endpoint.script('ListClusters', ...Array.from({ length: 4 }, () => awsJsonReply.throttle())),
      'ecs:ListClusters',
      'throttled',
    ],
    [
      'its services denied',
      () => {
        endpoint.script('ListClusters', awsJsonReply.ok({ clusterArns: [CLUSTER] }));
        endpoint.script('ListServices', awsJsonReply.error('AccessDeniedException', 'no'));
      },
      'ecs:ListServices',
      'access-denied',
    ],
  ])('fails closed when the listing is %s', async (_case, arrange, action, kind) => {
    arrange();
    const error = await listEcsServices(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action, kind });
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () => endpoint.script('DescribeServices', awsJsonReply.error('AccessDeniedException', 'no')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () => endpoint.script('DescribeServices', ...Array.from({ length: 4 }, () => awsJsonReply.throttle())),
      'throttled',
    ],
    [
      'answered without a service it was asked for, and no failure for it',
      () => endpoint.script('DescribeServices', awsJsonReply.ok({ services: [] })),
      'malformed-response',
    ],
  ])('fails closed naming ecs:DescribeServices when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await describeEcsServices(client, CLUSTER, [serviceArn(1)]).catch((e: unknown) => e);
    expect(error).toMatchObject({ action: 'ecs:DescribeServices', kind });
  });
});
