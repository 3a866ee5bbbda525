import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PublishCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';

process.env.FOLLOWUP_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:followup';
process.env.SCHEDULER_ROLE_ARN = 'arn:aws:iam::123456789012:role/scheduler';
process.env.FOLLOWUP_DEAD_LETTER_QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:followups-undelivered';
process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
process.env.HISTORY_TABLE = 'history';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
process.env.PREFLIGHT_FOLLOWUP_CONFIG = JSON.stringify({});

const NOW = new Date('2026-11-26T11:35:12Z');
const scheduler = mockClient(SchedulerClient);
const account = stubHealthyAccount(NOW);
const EVENT = {
  deploymentId: 'build-7',
  service: 'orders',
  environment: 'prod',
  decidedAt: '2026-11-26T10:35:12.000Z',
};

describe('follow-up scheduler handler', () => {
  beforeEach(() => scheduler.reset());

  it('creates three self-deleting one-time schedules that run the follow-up function', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const { run } = await import('../../lambdas/handlers/followups/schedule');

    const result = await run(EVENT);

    expect(result.schedules.map((s) => s.result)).toEqual(['created', 'created', 'created']);
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 3);
    const first = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(first).toMatchObject({
      Name: 'preflight-build-7-1h',
      ScheduleExpression: 'at(2026-11-26T11:35:12)',
      ScheduleExpressionTimezone: 'UTC',
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: process.env.FOLLOWUP_FUNCTION_ARN, RoleArn: process.env.SCHEDULER_ROLE_ARN },
    });
    expect(JSON.parse(first?.Target?.Input ?? '{}')).toEqual({ ...EVENT, delay: '1h' });
  });

  it('gives every schedule the dead-letter queue, so a follow-up Scheduler cannot deliver is kept', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const { run } = await import('../../lambdas/handlers/followups/schedule');

    await run(EVENT);

    for (const call of scheduler.commandCalls(CreateScheduleCommand)) {
      expect(call.args[0].input.Target?.DeadLetterConfig).toEqual({
        Arn: process.env.FOLLOWUP_DEAD_LETTER_QUEUE_ARN,
      });
    }
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 3);
  });

  it('treats schedules that already exist as done, so a retried request creates nothing twice', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(Object.assign(new Error('Schedule already exists'), { name: 'ConflictException' }));
    const { run } = await import('../../lambdas/handlers/followups/schedule');

    const result = await run(EVENT);

    expect(result.schedules.map((s) => s.result)).toEqual(['exists', 'exists', 'exists']);
  });

  it('rejects a request without a decision time', async () => {
    const { run } = await import('../../lambdas/handlers/followups/schedule');
    await expect(run({ ...EVENT, decidedAt: 'yesterday' })).rejects.toThrow(/decidedAt/);
  });
});

describe('follow-up handler', () => {
  beforeEach(() => {
    account.install(NOW);
    account.mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: [] });
    account.mocks.dynamodb.on(QueryCommand).resolves({ Items: [] });
    account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
  });

  it('re-runs the alarm and backup checks and reports the first hour', async () => {
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, delay: '1h' }, NOW);

    expect(result).toEqual({ status: 'PASS', subject: 'Preflight follow-up 1h PASS: orders prod build-7' });
    const message = JSON.parse(
      account.mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}',
    ) as {
      email: string;
    };
    expect(message.email).toContain('  alarms: no failures (1 findings)');
    expect(message.email).toContain('  database-backups: no failures');
    expect(account.mocks.dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'history',
      IndexName: 'byQuarter',
    });
  });
});

describe('follow-up handler at 24 hours', () => {
  const DEPLOYED = Date.parse('2026-11-26T10:05:00Z');
  const METRIC = (metricName: string, stat: string) => ({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: { LoadBalancer: 'app/orders/1' },
    stat,
  });

  beforeEach(() => {
    const at = new Date('2026-11-27T10:35:12Z');
    account.install(at);
    account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
    account.mocks.dynamodb.on(QueryCommand).resolves({
      Items: [
        {
          event: {
            S: JSON.stringify({
              kind: 'watch-started',
              id: 'build-7#watch-started',
              at: new Date(DEPLOYED).toISOString(),
              service: 'orders',
              environment: 'prod',
              deploymentId: 'build-7',
              runId: 'build-7',
            }),
          },
        },
      ],
    });
    const cloudwatch = account.mocks.cloudwatch;
    // Latency doubled after the deployment; traffic and errors steady.
    cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      const from = (input.StartTime as Date).getTime();
      const to = (input.EndTime as Date).getTime();
      return {
        MetricDataResults: (input.MetricDataQueries ?? []).map((q) => {
          const timestamps: Date[] = [];
          const values: number[] = [];
          for (let t = from; t < to; t += 60_000) {
            timestamps.push(new Date(t));
            const after = t >= DEPLOYED;
            values.push(q.Id === 'latency' ? (after ? 0.4 : 0.2) : q.Id === 'requests' ? 1000 : 0);
          }
          return { Id: q.Id, Timestamps: timestamps, Values: values, StatusCode: 'Complete' };
        }),
      };
    });
    process.env.PREFLIGHT_FOLLOWUP_CONFIG = JSON.stringify({
      watch: {
        metrics: {
          requests: METRIC('RequestCount', 'Sum'),
          errors: METRIC('HTTPCode_Target_5XX_Count', 'Sum'),
          latency: METRIC('TargetResponseTime', 'p99'),
          unhealthy_hosts: METRIC('UnHealthyHostCount', 'Maximum'),
          db_connection_errors: METRIC('DatabaseConnectionErrors', 'Sum'),
        },
      },
    });
  });

  it('compares every watch trigger with its baseline and calls out the one that got worse', async () => {
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, delay: '24h' }, new Date('2026-11-27T10:35:12Z'));

    expect(result.status).toBe('FAIL');
    expect(account.mocks.cloudwatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    const message = JSON.parse(
      account.mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}',
    ) as {
      email: string;
      sms: string;
    };
    expect(message.email).toMatch(
      / {2}latency: 0\.4 since the deployment against 0\.2 before \(2x\), \d+ periods {2}<- worse than the baseline/,
    );
    expect(message.email).toMatch(/ {2}error-rate: 0 since the deployment against 0 before, \d+ periods\n/);
    expect(message.sms).toContain('1 worse than baseline');
    expect(message.email).toContain('  alarms: no failures');
  });
});
