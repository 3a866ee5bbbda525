import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observabilityPortsFromClients } from '../../../lambdas/aws/observability';
import { LOGS_PAGE_SIZE, listLogGroups, logActivity } from '../../../lambdas/aws/observability/logs';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'arn:aws:logs:eu-west-1:111122223333:log-group';

const group = (name: string, extra: Record<string, unknown> = {}) => ({
  logGroupName: name,
  arn: `${AT}:${name}:*`,
  creationTime: Date.parse('2025-01-01T00:00:00Z'),
  ...extra,
});

describe('CloudWatch Logs through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: CloudWatchLogsClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'Logs_20140328' });
    client = new CloudWatchLogsClient({
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

  describe('listLogGroups', () => {
    it('asks for the largest page, retries throttles, follows nextToken and keeps the ARN without :*', async () => {
      // Arrange
      endpoint.script(
        'DescribeLogGroups',
        awsJsonReply.throttle(),
        awsJsonReply.ok({ logGroups: [group('/ecs/orders', { retentionInDays: 30 })], nextToken: 'p2' }),
        awsJsonReply.throttle(),
        awsJsonReply.ok({
          logGroups: [group('/aws/lambda/worker', { logGroupArn: `${AT}:/aws/lambda/worker` })],
        }),
      );

      // Act
      const groups = await listLogGroups(client);

      // Assert
      expect(groups).toEqual([
        {
          name: '/ecs/orders',
          arn: `${AT}:/ecs/orders`,
          retentionInDays: 30,
          createdAt: new Date('2025-01-01T00:00:00Z'),
        },
        {
          name: '/aws/lambda/worker',
          arn: `${AT}:/aws/lambda/worker`,
          createdAt: new Date('2025-01-01T00:00:00Z'),
        },
      ]);
      const calls = endpoint.callsTo('DescribeLogGroups');
      expect(calls).toHaveLength(4);
      expect(calls[0]?.body).toEqual({ limit: LOGS_PAGE_SIZE });
      expect(calls[3]?.body).toEqual({ limit: LOGS_PAGE_SIZE, nextToken: 'p2' });
    });

    it.each<[string, ReturnType<typeof awsJsonReply.ok>, string, string]>([
      [
        'denied',
        awsJsonReply.error('AccessDeniedException', 'not authorized to perform logs:DescribeLogGroups'),
        'access-denied',
        'AccessDeniedException',
      ],
      [
        'a log group without a name',
        awsJsonReply.ok({ logGroups: [{ arn: `${AT}:x:*` }] }),
        'malformed-response',
        'MissingField',
      ],
    ])('fails closed when %s', async (_case, reply, kind, code) => {
      endpoint.script('DescribeLogGroups', reply);
      const error = await listLogGroups(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'logs:DescribeLogGroups', kind, code });
    });

    it('turns throttling that outlasts the retries into one ERROR finding naming the call', async () => {
      // Arrange
      endpoint.script('DescribeLogGroups', ...Array.from({ length: 4 }, () => awsJsonReply.throttle()));
      const unused = new CloudWatchClient({ region: 'eu-west-1' });
      const account = {
        observability: observabilityPortsFromClients({ logs: client, cloudwatch: unused }),
      } as unknown as AccountPorts;

      // Act
      const result = await runCheck('log-delivery', account, ConfigSchema.parse({}), NOW);

      // Assert
      expect(endpoint.callsTo('DescribeLogGroups')).toHaveLength(4);
      expect(result.findings).toEqual([
        expect.objectContaining({
          checkId: 'log-delivery',
          rule: 'run',
          status: 'ERROR',
          evidence: { code: 'ThrottlingException' },
        }),
      ]);
      expect(result.findings[0]?.message).toContain('logs:DescribeLogGroups');
    });
  });

  describe('logActivity', () => {
    it('reads one page of streams, newest event first, and keeps the newest event and ingestion', async () => {
      // Arrange
      const at = (iso: string) => Date.parse(iso);
      endpoint.script(
        'DescribeLogStreams',
        awsJsonReply.ok({
          logStreams: [
            {
              logStreamName: 'a',
              lastEventTimestamp: at('2026-03-10T11:40:00Z'),
              lastIngestionTime: at('2026-03-10T11:40:01Z'),
            },
            // Sorted second by its lagging event time, yet ingested last.
            {
              logStreamName: 'b',
              lastEventTimestamp: at('2026-03-10T11:30:00Z'),
              lastIngestionTime: at('2026-03-10T11:58:00Z'),
            },
          ],
          nextToken: 'older',
        }),
      );

      // Act
      const activity = await logActivity(client, '/ecs/orders');

      // Assert
      expect(activity).toEqual({
        streams: 2,
        lastEventAt: new Date('2026-03-10T11:40:00Z'),
        lastIngestionAt: new Date('2026-03-10T11:58:00Z'),
      });
      expect(endpoint.callsTo('DescribeLogStreams').map((c) => c.body)).toEqual([
        { logGroupName: '/ecs/orders', orderBy: 'LastEventTime', descending: true, limit: LOGS_PAGE_SIZE },
      ]);
    });

    it('gives no times for a group without streams', async () => {
      endpoint.script('DescribeLogStreams', awsJsonReply.ok({ logStreams: [] }));
      expect(await logActivity(client, '/ecs/empty')).toEqual({ streams: 0 });
    });

    it.each<[string, ReturnType<typeof awsJsonReply.ok>[], string]>([
      ['denied', [awsJsonReply.error('AccessDeniedException', 'no')], 'access-denied'],
      ['throttled past the retries', Array.from({ length: 4 }, () => awsJsonReply.throttle()), 'throttled'],
      [
        'answered with a body that is not JSON',
        [{ status: 200, body: null, raw: '{"logStreams": [' }],
        'malformed-response',
      ],
    ])('throws an AwsCallError naming logs:DescribeLogStreams when %s', async (_case, replies, kind) => {
      endpoint.script('DescribeLogStreams', ...replies);
      const error = await logActivity(client, '/ecs/orders').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'logs:DescribeLogStreams', kind });
    });
  });
});
