import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, describe, expect, it } from 'vitest';
import { workloadsPortsFromClients } from '../../../lambdas/aws/workloads';
import { DESCRIBE_SERVICES_BATCH, ECS_PAGE_SIZE } from '../../../lambdas/aws/workloads/ecs';
import { PARAMETERS_PAGE_SIZE } from '../../../lambdas/aws/workloads/secret-metadata';
import { QUOTAS_PAGE_SIZE } from '../../../lambdas/aws/workloads/service-quotas';
import { USAGE_QUERIES_PER_CALL } from '../../../lambdas/aws/workloads/usage';
import type { WorkloadsPorts } from '../../../lambdas/core/checks/workloads/ports';
import { AwsCallError } from '../../../lambdas/core/errors';
import {
  type AwsJsonReply,
  awsJsonReply,
  LocalAwsJsonEndpoint,
  type LocalAwsJsonEndpointOptions,
} from '../../support/local-aws-endpoint';

/*
 * The workloads adapter through the real SDK clients against local endpoints: the page sizes sent,
 * the tokens followed, the batches, and the fault matrix (denied, throttled past the retries,
 * malformed) each ending in an AwsCallError naming the call.
 */

const AT = 'eu-west-1:111122223333';
const ATTEMPTS = 4;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const clientOptions = (endpoint: LocalAwsJsonEndpoint) => ({
  endpoint: endpoint.url,
  region: 'eu-west-1',
  credentials: CREDENTIALS,
  // Four attempts 5 ms apart: real retry logic, no real waiting.
  retryStrategy: new ConfiguredRetryStrategy(ATTEMPTS, () => 5),
});

const PREFIXES = {
  ecs: { targetPrefix: 'AmazonEC2ContainerServiceV20141113' },
  quotas: { targetPrefix: 'ServiceQuotasV20190624' },
  cloudwatch: { targetPrefix: 'GraniteServiceVersion20100801', jsonVersion: '1.0' },
  secretsManager: { targetPrefix: 'secretsmanager' },
  ssm: { targetPrefix: 'AmazonSSM' },
} as const satisfies Record<string, LocalAwsJsonEndpointOptions>;

type Service = keyof typeof PREFIXES;

let opened: { endpoint: LocalAwsJsonEndpoint; destroy: () => void }[] = [];

afterEach(async () => {
  for (const { endpoint, destroy } of opened) {
    destroy();
    await endpoint.close();
  }
  opened = [];
});

/** The ports with `service`'s client on a local endpoint (the others are never called). */
async function portsOn(service: Service): Promise<{ ports: WorkloadsPorts; endpoint: LocalAwsJsonEndpoint }> {
  const endpoint = await LocalAwsJsonEndpoint.start(PREFIXES[service]);
  const options = clientOptions(endpoint);
  const clients = {
    ecs: new ECSClient(options),
    quotas: new ServiceQuotasClient(options),
    cloudwatch: new CloudWatchClient(options),
    secretsManager: new SecretsManagerClient(options),
    ssm: new SSMClient(options),
  };
  opened.push({
    endpoint,
    destroy: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  });
  return { ports: workloadsPortsFromClients(clients), endpoint };
}

const clusterArn = (name: string) => `arn:aws:ecs:${AT}:cluster/${name}`;
const serviceArn = (cluster: string, name: string) => `arn:aws:ecs:${AT}:service/${cluster}/${name}`;
const tdArn = (name: string) => `arn:aws:ecs:${AT}:task-definition/${name}`;
const cloudWatchThrottle: AwsJsonReply = {
  ...awsJsonReply.throttle(),
  headers: { 'x-amzn-query-error': 'Throttling;Sender' },
};

describe('ECS', () => {
  it('lists every cluster and its services at the largest page, following nextToken', async () => {
    const { ports, endpoint } = await portsOn('ecs');
    endpoint.script(
      'ListClusters',
      awsJsonReply.ok({ clusterArns: [clusterArn('a')], nextToken: 'c2' }),
      awsJsonReply.ok({ clusterArns: [clusterArn('b')] }),
    );
    endpoint.script(
      'ListServices',
      awsJsonReply.ok({ serviceArns: [serviceArn('a', 'one')], nextToken: 's2' }),
      awsJsonReply.ok({ serviceArns: [serviceArn('a', 'two')] }),
      awsJsonReply.ok({ serviceArns: [serviceArn('b', 'three')] }),
    );
    expect(await ports.listEcsServices()).toEqual([
      { arn: serviceArn('a', 'one'), name: 'one', clusterArn: clusterArn('a') },
      { arn: serviceArn('a', 'two'), name: 'two', clusterArn: clusterArn('a') },
      { arn: serviceArn('b', 'three'), name: 'three', clusterArn: clusterArn('b') },
    ]);
    expect(endpoint.callsTo('ListClusters').map((c) => c.body)).toEqual([
      { maxResults: ECS_PAGE_SIZE },
      { maxResults: ECS_PAGE_SIZE, nextToken: 'c2' },
    ]);
    expect(endpoint.callsTo('ListServices').map((c) => c.body)).toEqual([
      { cluster: clusterArn('a'), maxResults: ECS_PAGE_SIZE },
      { cluster: clusterArn('a'), maxResults: ECS_PAGE_SIZE, nextToken: 's2' },
      { cluster: clusterArn('b'), maxResults: ECS_PAGE_SIZE },
    ]);
  });

  it('describes services ten per call and leaves out the ones gone since listing', async () => {
    const { ports, endpoint } = await portsOn('ecs');
    const arns = Array.from({ length: 12 }, (_, i) => serviceArn('a', `s${i}`));
    const describe = (call: { body: Record<string, unknown> }) =>
      awsJsonReply.ok({
        services: (call.body.services as string[])
          .filter((arn) => !arn.endsWith('/s11'))
          .map((arn) => ({
            serviceArn: arn,
            serviceName: arn.split('/').pop(),
            clusterArn: clusterArn('a'),
            taskDefinition: tdArn('app:1'),
          })),
        failures: [{ arn: serviceArn('a', 's11'), reason: 'MISSING' }].filter((f) =>
          (call.body.services as string[]).includes(f.arn),
        ),
      });
    endpoint.script('DescribeServices', describe, describe);
    const described = await ports.describeEcsServices(clusterArn('a'), arns);
    expect(described).toHaveLength(11);
    expect(described[0]).toEqual({
      arn: arns[0],
      name: 's0',
      clusterArn: clusterArn('a'),
      taskDefinitionArn: tdArn('app:1'),
    });
    expect(endpoint.callsTo('DescribeServices').map((c) => (c.body.services as string[]).length)).toEqual([
      DESCRIBE_SERVICES_BATCH,
      2,
    ]);
  });

  it('reads a task definition: limits, plain environment and secret references', async () => {
    const { ports, endpoint } = await portsOn('ecs');
    endpoint.script(
      'DescribeTaskDefinition',
      awsJsonReply.ok({
        taskDefinition: {
          taskDefinitionArn: tdArn('app:3'),
          family: 'app',
          revision: 3,
          cpu: '256',
          memory: '512',
          requiresCompatibilities: ['FARGATE'],
          containerDefinitions: [
            {
              name: 'web',
              cpu: 0,
              memoryReservation: 128,
              environment: [{ name: 'EMPTY' }, { name: 'MODE', value: 'live' }],
              secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/db' }],
            },
          ],
        },
      }),
    );
    expect(await ports.taskDefinition(tdArn('app:3'))).toEqual({
      arn: tdArn('app:3'),
      name: 'app:3',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containers: [
        {
          name: 'web',
          cpu: 0,
          memoryReservation: 128,
          environment: [
            { name: 'EMPTY', value: '' },
            { name: 'MODE', value: 'live' },
          ],
          secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/db' }],
        },
      ],
    });
    expect(endpoint.callsTo('DescribeTaskDefinition')[0]?.body).toEqual({ taskDefinition: tdArn('app:3') });
  });

  it('fails closed on a DescribeServices failure other than a missing service', async () => {
    const { ports, endpoint } = await portsOn('ecs');
    endpoint.script(
      'DescribeServices',
      awsJsonReply.ok({ services: [], failures: [{ arn: serviceArn('a', 'x'), reason: 'INTERNAL_ERROR' }] }),
    );
    await expect(ports.describeEcsServices(clusterArn('a'), [serviceArn('a', 'x')])).rejects.toMatchObject({
      action: 'ecs:DescribeServices',
    });
  });
});

describe('Service Quotas and their usage', () => {
  it('lists a service code at the largest page, following NextToken, with usage metrics and rate periods', async () => {
    const { ports, endpoint } = await portsOn('quotas');
    endpoint.script(
      'ListServiceQuotas',
      awsJsonReply.ok({
        Quotas: [
          {
            ServiceCode: 'lambda',
            QuotaArn: `arn:aws:servicequotas:${AT}:lambda/L-B99A9384`,
            QuotaCode: 'L-B99A9384',
            QuotaName: 'Concurrent executions',
            Value: 1000,
            UsageMetric: {
              MetricNamespace: 'AWS/Lambda',
              MetricName: 'ConcurrentExecutions',
              MetricDimensions: {},
              MetricStatisticRecommendation: 'Maximum',
            },
          },
        ],
        NextToken: 'q2',
      }),
      awsJsonReply.ok({
        Quotas: [
          {
            ServiceCode: 'lambda',
            QuotaArn: `arn:aws:servicequotas:${AT}:lambda/L-2ACBD22F`,
            QuotaCode: 'L-2ACBD22F',
            QuotaName: 'Function and layer storage',
            Value: 75,
          },
          {
            ServiceCode: 'lambda',
            QuotaArn: `arn:aws:servicequotas:${AT}:lambda/L-RATE`,
            QuotaCode: 'L-RATE',
            QuotaName: 'Rate of GetFunction API requests',
            Value: 100,
            Period: { PeriodValue: 1, PeriodUnit: 'SECOND' },
            UsageMetric: {
              MetricNamespace: 'AWS/Usage',
              MetricName: 'CallCount',
              MetricDimensions: { Service: 'Lambda', Type: 'API', Resource: 'GetFunction', Class: 'None' },
              MetricStatisticRecommendation: 'Sum',
            },
          },
        ],
      }),
    );
    const quotas = await ports.listServiceQuotas('lambda');
    expect(
      quotas.map((q) => [q.quotaCode, q.usageMetric?.metricName ?? null, q.periodSeconds ?? null]),
    ).toEqual([
      ['L-B99A9384', 'ConcurrentExecutions', null],
      ['L-2ACBD22F', null, null],
      ['L-RATE', 'CallCount', 1],
    ]);
    expect(endpoint.callsTo('ListServiceQuotas').map((c) => c.body)).toEqual([
      { ServiceCode: 'lambda', MaxResults: QUOTAS_PAGE_SIZE },
      { ServiceCode: 'lambda', MaxResults: QUOTAS_PAGE_SIZE, NextToken: 'q2' },
    ]);
  });

  it('reads every usage metric in one GetMetricData call per 500 queries, following NextToken', async () => {
    const { ports, endpoint } = await portsOn('cloudwatch');
    const queries = Array.from({ length: USAGE_QUERIES_PER_CALL + 1 }, (_, i) => ({
      id: `q${i}`,
      metric: {
        namespace: 'AWS/Usage',
        metricName: 'ResourceCount',
        dimensions: { Resource: `r${i}` },
        statistic: 'Maximum',
      },
    }));
    endpoint.script(
      'GetMetricData',
      awsJsonReply.ok({
        MetricDataResults: [{ Id: 'q0', Values: [3, 7], StatusCode: 'PartialData' }],
        NextToken: 'n2',
      }),
      awsJsonReply.ok({ MetricDataResults: [{ Id: 'q0', Values: [5], StatusCode: 'Complete' }] }),
      awsJsonReply.ok({
        MetricDataResults: [{ Id: `q${USAGE_QUERIES_PER_CALL}`, Values: [], StatusCode: 'Complete' }],
      }),
    );
    const start = new Date('2026-03-01T11:00:00Z');
    const end = new Date('2026-03-01T12:00:00Z');
    const usage = await ports.usage(queries, start, end);
    expect(usage.get('q0')).toEqual([3, 7, 5]);
    expect(usage.get('q1')).toEqual([]);
    const calls = endpoint.callsTo('GetMetricData');
    expect(calls.map((c) => (c.body.MetricDataQueries as unknown[]).length)).toEqual([
      USAGE_QUERIES_PER_CALL,
      USAGE_QUERIES_PER_CALL,
      1,
    ]);
    expect(calls[1]?.body.NextToken).toBe('n2');
    expect((calls[0]?.body.MetricDataQueries as unknown[] | undefined)?.[0]).toEqual({
      Id: 'q0',
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Usage',
          MetricName: 'ResourceCount',
          Dimensions: [{ Name: 'Resource', Value: 'r0' }],
        },
        Period: 60,
        Stat: 'Maximum',
      },
    });
  });
});

describe('secret metadata', () => {
  it('says whether a secret exists from DescribeSecret alone', async () => {
    const { ports, endpoint } = await portsOn('secretsManager');
    endpoint.script(
      'DescribeSecret',
      awsJsonReply.ok({ ARN: 'arn:s', Name: 's' }),
      awsJsonReply.error('ResourceNotFoundException', 'Secrets Manager can’t find the specified secret.'),
      awsJsonReply.ok({ ARN: 'arn:d', Name: 'd', DeletedDate: 1_770_000_000 }),
    );
    expect(await ports.secretExists('arn:s')).toBe(true);
    expect(await ports.secretExists('arn:gone')).toBe(false);
    expect(await ports.secretExists('arn:d')).toBe(false);
    expect(endpoint.calls.map((c) => c.operation)).toEqual([
      'DescribeSecret',
      'DescribeSecret',
      'DescribeSecret',
    ]);
  });

  it('finds parameters by a name filter, 50 names per call, following NextToken', async () => {
    const { ports, endpoint } = await portsOn('ssm');
    const names = Array.from({ length: PARAMETERS_PAGE_SIZE + 1 }, (_, i) => `/p/${i}`);
    endpoint.script(
      'DescribeParameters',
      awsJsonReply.ok({ Parameters: [{ Name: '/p/0' }], NextToken: 't2' }),
      awsJsonReply.ok({ Parameters: [{ Name: '/p/1' }] }),
      awsJsonReply.ok({ Parameters: [] }),
    );
    expect([...(await ports.existingParameters(names))]).toEqual(['/p/0', '/p/1']);
    const calls = endpoint.callsTo('DescribeParameters');
    expect(calls[0]?.body).toEqual({
      MaxResults: PARAMETERS_PAGE_SIZE,
      ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: names.slice(0, PARAMETERS_PAGE_SIZE) }],
    });
    expect(calls[1]?.body).toMatchObject({ NextToken: 't2' });
    expect(calls[2]?.body).toMatchObject({ ParameterFilters: [{ Values: [names[PARAMETERS_PAGE_SIZE]] }] });
  });
});

/** One call of each port, the operation it sends, and a reply missing a field the API always sends. */
const CALLS: ReadonlyArray<{
  readonly service: Service;
  readonly operation: string;
  readonly action: string;
  readonly call: (ports: WorkloadsPorts) => Promise<unknown>;
  readonly malformed: unknown;
  readonly throttle?: AwsJsonReply;
}> = [
  {
    service: 'ecs',
    operation: 'ListClusters',
    action: 'ecs:ListClusters',
    call: (p) => p.listEcsServices(),
    malformed: '{"clusterArns": [',
  },
  {
    service: 'ecs',
    operation: 'DescribeServices',
    action: 'ecs:DescribeServices',
    call: (p) => p.describeEcsServices(clusterArn('a'), [serviceArn('a', 'x')]),
    malformed: { services: [{ serviceArn: serviceArn('a', 'x'), serviceName: 'x' }] },
  },
  {
    service: 'ecs',
    operation: 'DescribeTaskDefinition',
    action: 'ecs:DescribeTaskDefinition',
    call: (p) => p.taskDefinition(tdArn('app:1')),
    malformed: { taskDefinition: { taskDefinitionArn: tdArn('app:1'), family: 'app', revision: 1 } },
  },
  {
    service: 'quotas',
    operation: 'ListServiceQuotas',
    action: 'servicequotas:ListServiceQuotas',
    call: (p) => p.listServiceQuotas('lambda'),
    malformed: { Quotas: [{ QuotaCode: 'L-1', QuotaName: 'x', Value: 1 }] },
  },
  {
    service: 'cloudwatch',
    operation: 'GetMetricData',
    action: 'cloudwatch:GetMetricData',
    call: (p) =>
      p.usage(
        [
          {
            id: 'q0',
            metric: {
              namespace: 'AWS/Usage',
              metricName: 'ResourceCount',
              dimensions: {},
              statistic: 'Maximum',
            },
          },
        ],
        new Date(0),
        new Date(60_000),
      ),
    malformed: { MetricDataResults: [{ Values: [1] }] },
    throttle: cloudWatchThrottle,
  },
  {
    service: 'secretsManager',
    operation: 'DescribeSecret',
    action: 'secretsmanager:DescribeSecret',
    call: (p) => p.secretExists('arn:s'),
    malformed: '<html>proxy error</html>',
  },
  {
    service: 'ssm',
    operation: 'DescribeParameters',
    action: 'ssm:DescribeParameters',
    call: (p) => p.existingParameters(['/p']),
    malformed: { Parameters: [{ Type: 'String' }] },
  },
];

describe.each(CALLS)(
  '$action fails closed, naming the call',
  ({ service, operation, action, call, malformed, throttle }) => {
    it('when access is denied', async () => {
      const { ports, endpoint } = await portsOn(service);
      endpoint.script(operation, awsJsonReply.error('AccessDeniedException', 'not authorized', 400));
      const error = await call(ports).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action, kind: 'access-denied' });
    });

    it('when throttled past the retries', async () => {
      const { ports, endpoint } = await portsOn(service);
      endpoint.script(
        operation,
        ...Array.from({ length: ATTEMPTS }, () => throttle ?? awsJsonReply.throttle()),
      );
      const error = await call(ports).catch((e: unknown) => e);
      expect(endpoint.callsTo(operation)).toHaveLength(ATTEMPTS);
      expect(error).toMatchObject({ action, kind: 'throttled' });
    });

    it('when the answer is malformed', async () => {
      const { ports, endpoint } = await portsOn(service);
      endpoint.script(
        operation,
        typeof malformed === 'string'
          ? { status: 200, body: null, raw: malformed }
          : awsJsonReply.ok(malformed),
      );
      const error = await call(ports).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action, kind: 'malformed-response' });
    });
  },
);
