import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudWatchMetrics, type MetricsSpec, metricDataQueries } from '../../lambdas/aws/metrics';
import { type AwsJsonReply, awsJsonReply, LocalAwsJsonEndpoint } from '../support/local-aws-endpoint';

const T0 = Date.parse('2026-11-26T10:00:00Z');
const MIN = 60_000;
const ALB = { LoadBalancer: 'app/orders-alb/50dc6c495c0c9188' };
const SPEC: MetricsSpec = {
  periodSeconds: 60,
  metrics: {
    requests: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: ALB, stat: 'Sum' },
    errors: {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: ALB,
      stat: 'Sum',
    },
    error_pct: { expression: '100 * errors / requests' },
  },
};
const QUERY = { fromMs: T0, toMs: T0 + 3 * MIN, metricIds: ['requests', 'errors'] };
const at = (minute: number) => new Date(T0 + minute * MIN);

describe('CloudWatchMetrics with a stubbed client', () => {
  const cloudwatch = mockClient(CloudWatchClient);
  const metrics = new CloudWatchMetrics(new CloudWatchClient({ region: 'us-east-1' }));

  beforeEach(() => {
    cloudwatch.reset();
  });
  // The stub replaces send on every CloudWatchClient; the real-SDK tests below need it back.
  afterAll(() => {
    cloudwatch.restore();
  });

  it('asks for every metric in one call, at the period, oldest first', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    await metrics.fetch(QUERY, SPEC);

    expect(cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(cloudwatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: at(0),
      EndTime: at(3),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        {
          Id: 'requests',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'RequestCount',
              Dimensions: [{ Name: 'LoadBalancer', Value: ALB.LoadBalancer }],
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: true,
        },
        expect.objectContaining({ Id: 'errors', ReturnData: true }),
      ],
    });
  });

  it('follows NextToken and merges the pages per metric', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'requests', Timestamps: [at(0), at(1)], Values: [100, 110], StatusCode: 'PartialData' },
          { Id: 'errors', Timestamps: [at(0)], Values: [1], StatusCode: 'PartialData' },
        ],
        NextToken: 'page-2',
      })
      .resolves({
        MetricDataResults: [
          { Id: 'requests', Timestamps: [at(2)], Values: [120], StatusCode: 'Complete' },
          { Id: 'errors', Timestamps: [at(2)], Values: [3], StatusCode: 'Complete' },
        ],
      });

    const fetch = await metrics.fetch(QUERY, SPEC);

    expect(cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)[1]?.args[0].input.NextToken).toBe('page-2');
    expect(fetch).toEqual({
      fromMs: T0,
      toMs: T0 + 3 * MIN,
      series: {
        requests: [
          { timestamp: T0, value: 100 },
          { timestamp: T0 + MIN, value: 110 },
          { timestamp: T0 + 2 * MIN, value: 120 },
        ],
        errors: [
          { timestamp: T0, value: 1 },
          { timestamp: T0 + 2 * MIN, value: 3 },
        ],
      },
      errors: {},
    });
  });

  it('puts a metric CloudWatch refused or failed in errors, keeping the others', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'requests', Timestamps: [at(0)], Values: [100], StatusCode: 'Complete' },
        {
          Id: 'errors',
          Timestamps: [],
          Values: [],
          StatusCode: 'Forbidden',
          Messages: [{ Code: 'Forbidden', Value: 'no access to the namespace' }],
        },
      ],
    });

    const fetch = await metrics.fetch(QUERY, SPEC);

    expect(fetch.series).toEqual({ requests: [{ timestamp: T0, value: 100 }] });
    expect(fetch.errors).toEqual({
      errors:
        'cloudwatch:GetMetricData answered Forbidden for this metric: Forbidden no access to the namespace',
    });
  });

  it('never judges data still partial after the last page, nor a metric with no result', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'requests', Timestamps: [at(0)], Values: [100], StatusCode: 'PartialData' }],
    });

    const fetch = await metrics.fetch(QUERY, SPEC);

    expect(fetch.series).toEqual({});
    expect(fetch.errors).toEqual({
      requests: 'cloudwatch:GetMetricData returned partial data after every page',
      errors: 'cloudwatch:GetMetricData returned no result for this metric',
    });
  });

  it("names the call's own messages (MaxQueriesExceeded) for a metric left without a result", async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'requests', Timestamps: [at(0)], Values: [100], StatusCode: 'Complete' }],
      Messages: [{ Code: 'MaxQueriesExceeded', Value: 'The maximum number of queries was exceeded' }],
    });

    const fetch = await metrics.fetch(QUERY, SPEC);

    expect(fetch.series).toEqual({ requests: [{ timestamp: T0, value: 100 }] });
    expect(fetch.errors).toEqual({
      errors:
        'cloudwatch:GetMetricData returned no result for this metric: MaxQueriesExceeded The maximum number of queries was exceeded',
    });
  });

  it('puts every metric in errors when the call is denied, rather than throwing', async () => {
    cloudwatch.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('not authorized to perform cloudwatch:GetMetricData'), {
        name: 'AccessDenied',
      }),
    );

    const fetch = await metrics.fetch(QUERY, SPEC);

    expect(fetch.series).toEqual({});
    expect(Object.keys(fetch.errors)).toEqual(['requests', 'errors']);
    expect(fetch.errors.requests).toBe(
      'cloudwatch:GetMetricData failed (AccessDenied): not authorized to perform cloudwatch:GetMetricData',
    );
  });

  it('makes no call for an empty query', async () => {
    const fetch = await metrics.fetch({ ...QUERY, metricIds: [] }, SPEC);

    expect(fetch).toEqual({ fromMs: T0, toMs: T0 + 3 * MIN, series: {}, errors: {} });
    expect(cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 0);
  });
});

describe('metricDataQueries', () => {
  it('adds the metrics an expression uses without returning them', () => {
    const queries = metricDataQueries(['error_pct'], SPEC);

    expect(
      queries.map((q) => [q.Id, q.ReturnData, q.Expression ?? q.MetricStat?.Metric?.MetricName]),
    ).toEqual([
      ['error_pct', true, '100 * errors / requests'],
      ['errors', false, 'HTTPCode_Target_5XX_Count'],
      ['requests', false, 'RequestCount'],
    ]);
  });

  it('refuses a metric id without a definition', () => {
    expect(() => metricDataQueries(['latency'], SPEC)).toThrow(
      /metric id "latency" has no CloudWatch definition/,
    );
  });
});

describe('CloudWatchMetrics through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: CloudWatchClient;
  // CloudWatch speaks AWS JSON 1.0 in query-compatible mode: the error code travels in this header.
  const throttle: AwsJsonReply = {
    ...awsJsonReply.throttle(),
    headers: { 'x-amzn-query-error': 'Throttling;Sender' },
  };
  const page = {
    MetricDataResults: [
      { Id: 'requests', Timestamps: [T0 / 1000], Values: [100], StatusCode: 'Complete' },
      { Id: 'errors', Timestamps: [T0 / 1000], Values: [2], StatusCode: 'Complete' },
    ],
  };

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({
      targetPrefix: 'GraniteServiceVersion20100801',
      jsonVersion: '1.0',
    });
    client = new CloudWatchClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // Four attempts 5 ms apart: real retry logic, no real waiting.
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('retries throttling and then reads the metrics', async () => {
    endpoint.script('GetMetricData', throttle, throttle, awsJsonReply.ok(page));

    const fetch = await new CloudWatchMetrics(client).fetch(QUERY, SPEC);

    expect(endpoint.callsTo('GetMetricData')).toHaveLength(3);
    expect(fetch.errors).toEqual({});
    expect(fetch.series.errors).toEqual([{ timestamp: T0, value: 2 }]);
    expect(endpoint.callsTo('GetMetricData')[0]?.body).toMatchObject({
      StartTime: T0 / 1000,
      EndTime: (T0 + 3 * MIN) / 1000,
      ScanBy: 'TimestampAscending',
    });
  });

  it('reports every metric as an error when throttling outlasts the retries', async () => {
    endpoint.script('GetMetricData', ...Array.from({ length: 4 }, () => throttle));

    const fetch = await new CloudWatchMetrics(client).fetch(QUERY, SPEC);

    expect(endpoint.callsTo('GetMetricData')).toHaveLength(4);
    expect(fetch.series).toEqual({});
    expect(fetch.errors).toEqual({
      requests: expect.stringMatching(/^cloudwatch:GetMetricData failed \(Throttling\)/),
      errors: expect.stringMatching(/^cloudwatch:GetMetricData failed \(Throttling\)/),
    });
  });
});
