import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { RDSClient } from '@aws-sdk/client-rds';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storagePortsFromClients } from '../../../lambdas/aws/storage';
import {
  listMetrics,
  QUERIES_PER_CALL,
  runningInstances,
  series,
} from '../../../lambdas/aws/storage/cloudwatch';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { SeriesQuery } from '../../../lambdas/core/checks/storage/ports';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import {
  type AwsJsonCall,
  type AwsJsonReply,
  awsJsonReply,
  LocalAwsJsonEndpoint,
} from '../../support/local-aws-endpoint';

const NOW = new Date('2026-03-10T12:00:00Z');
const START = new Date('2026-03-03T12:00:00Z');
const T = (hoursAgo: number) => NOW.getTime() / 1000 - hoursAgo * 3600;
const query = (i: number): SeriesQuery => ({
  id: `v${i}`,
  metric: {
    namespace: 'AWS/RDS',
    metricName: 'FreeStorageSpace',
    dimensions: { DBInstanceIdentifier: `db-${i}` },
  },
  stat: 'Minimum',
});
/** Answers every query of the call with two hourly points, newest last. */
const answerAll = (call: AwsJsonCall): AwsJsonReply =>
  awsJsonReply.ok({
    MetricDataResults: (call.body.MetricDataQueries as { Id: string }[]).map((q) => ({
      Id: q.Id,
      Timestamps: [T(0), T(1)],
      Values: [10, 11],
      StatusCode: 'Complete',
    })),
  });

describe('CloudWatch for disk space through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: CloudWatchClient;
  // CloudWatch speaks AWS JSON 1.0 in query-compatible mode: the error code travels in this header.
  const throttle: AwsJsonReply = {
    ...awsJsonReply.throttle(),
    headers: { 'x-amzn-query-error': 'Throttling;Sender' },
  };

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({
      targetPrefix: 'GraniteServiceVersion20100801',
      jsonVersion: '1.0',
    });
    client = new CloudWatchClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('asks for 500 series a call, hourly, and sorts each oldest first', async () => {
    endpoint.script('GetMetricData', answerAll, answerAll);
    const queries = Array.from({ length: QUERIES_PER_CALL + 1 }, (_, i) => query(i));

    const answer = await series(client, queries, START, NOW);

    const calls = endpoint.callsTo('GetMetricData');
    expect(calls.map((c) => (c.body.MetricDataQueries as unknown[]).length)).toEqual([500, 1]);
    expect(calls[0]?.body).toMatchObject({
      StartTime: START.getTime() / 1000,
      EndTime: NOW.getTime() / 1000,
      ScanBy: 'TimestampAscending',
    });
    expect((calls[0]?.body.MetricDataQueries as unknown[] | undefined)?.[0]).toEqual({
      Id: 'v0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/RDS',
          MetricName: 'FreeStorageSpace',
          Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'db-0' }],
        },
        Period: 3600,
        Stat: 'Minimum',
      },
    });
    expect(answer.get('v500')?.map((p) => p.value)).toEqual([11, 10]);
  });

  it('follows NextToken and joins a series split across pages', async () => {
    endpoint.script(
      'GetMetricData',
      awsJsonReply.ok({
        MetricDataResults: [{ Id: 'v0', Timestamps: [T(2)], Values: [5], StatusCode: 'PartialData' }],
        NextToken: 'n2',
      }),
      awsJsonReply.ok({
        MetricDataResults: [{ Id: 'v0', Timestamps: [T(1), T(0)], Values: [4, 3], StatusCode: 'Complete' }],
      }),
    );
    const answer = await series(client, [query(0)], START, NOW);
    expect(answer.get('v0')?.map((p) => p.value)).toEqual([5, 4, 3]);
    expect(endpoint.callsTo('GetMetricData')[1]?.body).toMatchObject({ NextToken: 'n2' });
  });

  it.each<[string, AwsJsonReply[], string, string]>([
    ['throttled past the retries', Array.from({ length: 4 }, () => throttle), 'throttled', 'Throttling'],
    [
      'a series Forbidden',
      [
        awsJsonReply.ok({
          MetricDataResults: [{ Id: 'v0', Timestamps: [], Values: [], StatusCode: 'Forbidden' }],
        }),
      ],
      'malformed-response',
      'StatusForbidden',
    ],
    [
      'no result for a query',
      [awsJsonReply.ok({ MetricDataResults: [] })],
      'malformed-response',
      'MissingResult',
    ],
    [
      'a result without its id',
      [awsJsonReply.ok({ MetricDataResults: [{ Timestamps: [], Values: [], StatusCode: 'Complete' }] })],
      'malformed-response',
      'MissingField',
    ],
  ])('fails closed naming cloudwatch:GetMetricData when %s', async (_case, replies, kind, code) => {
    endpoint.script('GetMetricData', ...replies);
    const error = await series(client, [query(0)], START, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'cloudwatch:GetMetricData', kind, code });
  });

  it('lists every metric of a name with its dimensions, following NextToken', async () => {
    const metric = (id: string) => ({
      Namespace: 'CWAgent',
      MetricName: 'disk_used_percent',
      Dimensions: [
        { Name: 'InstanceId', Value: id },
        { Name: 'path', Value: '/' },
      ],
    });
    endpoint.script(
      'ListMetrics',
      awsJsonReply.ok({ Metrics: [metric('i-1')], NextToken: 'm2' }),
      awsJsonReply.ok({ Metrics: [metric('i-2')] }),
    );
    expect(await listMetrics(client, 'CWAgent', 'disk_used_percent')).toEqual([
      { namespace: 'CWAgent', metricName: 'disk_used_percent', dimensions: { InstanceId: 'i-1', path: '/' } },
      { namespace: 'CWAgent', metricName: 'disk_used_percent', dimensions: { InstanceId: 'i-2', path: '/' } },
    ]);
    expect(endpoint.callsTo('ListMetrics').map((c) => c.body)).toEqual([
      { Namespace: 'CWAgent', MetricName: 'disk_used_percent' },
      { Namespace: 'CWAgent', MetricName: 'disk_used_percent', NextToken: 'm2' },
    ]);
  });

  it('lists the running instances from their own CPU metric, recently active, following NextToken', async () => {
    const cpu = (dimensions: Record<string, string>) => ({
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    });
    endpoint.script(
      'ListMetrics',
      awsJsonReply.ok({
        // EC2's aggregates (by group) carry no single instance: left out.
        Metrics: [cpu({ InstanceId: 'i-1' }), cpu({ AutoScalingGroupName: 'workers' })],
        NextToken: 'c2',
      }),
      awsJsonReply.ok({ Metrics: [cpu({ InstanceId: 'i-2' }), cpu({ InstanceId: 'i-1' })] }),
    );
    expect(await runningInstances(client)).toEqual(['i-1', 'i-2']);
    const sent = {
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'InstanceId' }],
      RecentlyActive: 'PT3H',
    };
    expect(endpoint.callsTo('ListMetrics').map((c) => c.body)).toEqual([sent, { ...sent, NextToken: 'c2' }]);
  });

  it.each<[string, AwsJsonReply[], string]>([
    ['throttled past the retries', Array.from({ length: 4 }, () => throttle), 'throttled'],
    [
      'access denied',
      [
        {
          ...awsJsonReply.error('AccessDenied', 'not authorized', 403),
          headers: { 'x-amzn-query-error': 'AccessDenied;Sender' },
        },
      ],
      'access-denied',
    ],
    [
      'an instance id missing',
      [awsJsonReply.ok({ Metrics: [{ Namespace: 'AWS/EC2', Dimensions: [{ Name: 'InstanceId' }] }] })],
      'malformed-response',
    ],
  ])(
    'fails closed naming cloudwatch:ListMetrics when the running instances are %s',
    async (_, replies, kind) => {
      endpoint.script('ListMetrics', ...replies);
      const error = await runningInstances(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'cloudwatch:ListMetrics', kind });
    },
  );

  it('turns throttling that outlasts the retries into ERROR findings naming the call, never a pass', async () => {
    endpoint.script('GetMetricData', ...Array.from({ length: 4 }, () => throttle));
    const rds = new RDSClient({ region: 'eu-west-1' });
    const ports = storagePortsFromClients({ rds, cloudwatch: client });
    const account = {
      storage: {
        ...ports,
        listDbInstances: async () => [
          {
            identifier: 'db',
            arn: 'arn:aws:rds:eu-west-1:111122223333:db:db',
            engine: 'postgres',
            allocatedGiB: 100,
          },
        ],
        listMetrics: async () => [],
        runningInstances: async () => [],
      },
    } as unknown as AccountPorts;

    const result = await runCheck('disk-space', account, ConfigSchema.parse({}), NOW);

    expect(endpoint.callsTo('GetMetricData')).toHaveLength(4);
    expect(result.findings.map((f) => `${f.rule} ${f.status}`)).toEqual(['free-space ERROR', 'trend ERROR']);
    expect(result.findings[0]?.message).toContain('cloudwatch:GetMetricData');
    rds.destroy();
  });
});
