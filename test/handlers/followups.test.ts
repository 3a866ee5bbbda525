import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  GetResourcesCommand,
  type GetResourcesCommandInput,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PublishCommand } from '@aws-sdk/client-sns';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import { followupSettings } from '../../lambdas/core/followups/settings';
import { resolveTarget } from '../../lambdas/core/services/resolve';
import { accountOf } from '../../lambdas/core/watch/targets';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { sentWith } from '../support/sent-with';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

process.env.FOLLOWUP_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:followup';
process.env.SCHEDULER_ROLE_ARN = 'arn:aws:iam::123456789012:role/scheduler';
process.env.FOLLOWUP_DEAD_LETTER_QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:followups-undelivered';
process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
process.env.HISTORY_TABLE = 'history';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
process.env.REPORT_BUCKET = 'reports';

const NOW = new Date('2026-11-26T11:35:12Z');
const scheduler = mockClient(SchedulerClient);
const account = stubHealthyAccount(NOW);
afterAll(() => account.restore());
const s3 = stubS3();

afterAll(() => {
  scheduler.restore();
  s3.mock.restore();
});
const EVENT = {
  deploymentId: 'build-7',
  service: 'orders',
  environment: 'prod',
  decidedAt: '2026-11-26T10:35:12.000Z',
};

/**
 * What the watch of `EVENT`'s deployment kept when it started: the service's settings in its
 * environment, resolved from `config` as the watch's start resolves them.
 */
function watchKept(
  config: PreflightConfigInput,
  names: { service: string; environment: string } = EVENT,
  startedAt = '2026-11-26T10:05:00.000Z',
  deploymentStartedAt?: string,
) {
  const validated = validateConfig(config);
  const target = resolveTarget(validated, names);
  const settings = followupSettings(validated, target, {
    deploymentId: EVENT.deploymentId,
    service: names.service,
    environment: names.environment,
    runId: EVENT.deploymentId,
    startedAt,
    ...(deploymentStartedAt === undefined ? {} : { deploymentStartedAt }),
    ...(accountOf(target.environment) === undefined ? {} : { account: accountOf(target.environment) }),
    ...(target.watchRegion === undefined ? {} : { region: target.watchRegion }),
  });
  s3.objects.set(`reports/watches/${EVENT.deploymentId}/followup.json`, JSON.stringify(settings));
}

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

  // Two deployments watched within the same week each get their own follow-ups, whatever their ids:
  // Scheduler refuses a second schedule of the same name, and that one would be lost without a word.
  it.each([
    ['rel:42', 'rel-42'],
    // 54 characters each, alike in their first 50.
    [
      'orders-api-production-release-2026.12.01-build-0000123',
      'orders-api-production-release-2026.12.01-build-0000124',
    ],
  ])('schedules the follow-ups of %s and of %s apart', async (first, second) => {
    const names = new Set<string>();
    scheduler.on(CreateScheduleCommand).callsFake((input: { Name: string }) => {
      if (names.has(input.Name)) {
        throw Object.assign(new Error(`Schedule ${input.Name} already exists`), {
          name: 'ConflictException',
        });
      }
      names.add(input.Name);
      return { ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/default/${input.Name}` };
    });
    const { run } = await import('../../lambdas/handlers/followups/schedule');

    const one = await run({ ...EVENT, deploymentId: first });
    const other = await run({ ...EVENT, deploymentId: second });

    expect(one.schedules.map((s) => s.result)).toEqual(['created', 'created', 'created']);
    expect(other.schedules.map((s) => s.result)).toEqual(['created', 'created', 'created']);
    expect(names.size).toBe(6);
    for (const name of names) expect(name).toMatch(/^preflight-[A-Za-z0-9._-]+-(1h|24h|7d)$/);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(64);
  });

  it('schedules the follow-ups of an id apart from those of a safe id that looks like its shortened name', async () => {
    const names = new Set<string>();
    scheduler.on(CreateScheduleCommand).callsFake((input: { Name: string }) => {
      if (names.has(input.Name)) {
        throw Object.assign(new Error(`Schedule ${input.Name} already exists`), {
          name: 'ConflictException',
        });
      }
      names.add(input.Name);
      return { ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/default/${input.Name}` };
    });
    const { run } = await import('../../lambdas/handlers/followups/schedule');

    const one = await run({ ...EVENT, deploymentId: 'rel:42' });
    const lookalike = (one.schedules[0]?.name ?? '').replace(/^preflight-|-1h$/g, '');
    const other = await run({ ...EVENT, deploymentId: lookalike });

    expect(lookalike).toMatch(/^rel-42-[0-9a-f]{10}$/);
    expect(other.schedules.map((s) => s.result)).toEqual(['created', 'created', 'created']);
    expect(names.size).toBe(6);
  });

  it('rejects a request without a decision time', async () => {
    const { run } = await import('../../lambdas/handlers/followups/schedule');
    await expect(run({ ...EVENT, decidedAt: 'yesterday' })).rejects.toThrow(/decidedAt/);
  });

  // A key the request does not have is a mistyped or forged field: named, never dropped in silence.
  it('refuses a request with a key it does not have, naming the key, and schedules nothing', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const { run } = await import('../../lambdas/handlers/followups/schedule');
    await expect(run({ ...EVENT, region: 'eu-west-1' })).rejects.toThrow(
      /Invalid follow-up request: .*Unrecognized key: "region"/,
    );
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 0);
  });
});

describe('follow-up handler', () => {
  beforeEach(() => {
    s3.install();
    watchKept({});
    account.install(NOW);
    account.mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: [] });
    account.mocks.dynamodb.on(QueryCommand).resolves({ Items: [] });
    account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
  });

  it('refuses a follow-up with a key it does not have, naming the key, and publishes nothing', async () => {
    const { run } = await import('../../lambdas/handlers/followups/run');
    await expect(run({ ...EVENT, delay: '1h', account: '210987654321' }, NOW)).rejects.toThrow(
      /Invalid follow-up: .*Unrecognized key: "account"/,
    );
    expect(account.mocks.sns).toHaveReceivedCommandTimes(PublishCommand, 0);
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
  /** When the new code's latency begins: the watch's start, unless a test rolls it out earlier. */
  let slowerFrom = DEPLOYED;
  const METRIC = (metricName: string, stat: string) => ({
    namespace: 'AWS/ApplicationELB',
    metricName,
    dimensions: { LoadBalancer: 'app/orders/1' },
    stat,
  });
  const WATCH = {
    watch: {
      metrics: {
        requests: METRIC('RequestCount', 'Sum'),
        errors: METRIC('HTTPCode_Target_5XX_Count', 'Sum'),
        latency: METRIC('TargetResponseTime', 'p99'),
        unhealthy_hosts: METRIC('UnHealthyHostCount', 'Maximum'),
        db_connection_errors: METRIC('DatabaseConnectionErrors', 'Sum'),
      },
    },
  };

  beforeEach(() => {
    slowerFrom = DEPLOYED;
    const at = new Date('2026-11-27T10:35:12Z');
    s3.install();
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
            const after = t >= slowerFrom;
            values.push(q.Id === 'latency' ? (after ? 0.4 : 0.2) : q.Id === 'requests' ? 1000 : 0);
          }
          return { Id: q.Id, Timestamps: timestamps, Values: values, StatusCode: 'Complete' };
        }),
      };
    });
    watchKept(WATCH, EVENT, new Date(DEPLOYED).toISOString());
  });

  it('compares with the baseline the watch had: before the deployment began rolling out (deploymentStartedAt)', async () => {
    // The new code rolled out from 09:20; the watch started at 10:05.
    slowerFrom = Date.parse('2026-11-26T09:20:00Z');
    watchKept(WATCH, EVENT, new Date(DEPLOYED).toISOString(), '2026-11-26T09:20:00.000Z');
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, delay: '24h' }, new Date('2026-11-27T10:35:12Z'));

    expect(result.status).toBe('FAIL');
    const message = JSON.parse(
      account.mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}',
    ) as { email: string };
    expect(message.email).toMatch(/ {2}latency: 0\.4 since the deployment against 0\.2 before \(2x\)/);
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

describe('follow-up handler: a service in another account', () => {
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  afterAll(() => tagging.restore());
  const ORDERS_ALARM = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx';
  const ROLE = 'arn:aws:iam::444455556666:role/preflight-audit';
  const ORGANIZATION: PreflightConfigInput = {
    environments: {
      prod: {
        account: '444455556666',
        region: 'eu-west-1',
        access: { roleName: 'preflight-audit', externalId: 'preflight-prod' },
      },
      broken: {
        account: '777788889999',
        region: 'eu-west-1',
        access: { roleName: 'preflight-audit', externalId: 'preflight-broken' },
      },
    },
    services: {
      orders: {
        environments: ['prod', 'broken'],
        resources: { tags: { service: 'orders' } },
        requiredAlarms: [{ name: 'orders-5xx' }],
      },
      billing: {
        environments: ['prod'],
        resources: { tags: { service: 'billing' } },
        requiredAlarms: [{ name: 'billing-5xx', reason: 'billing pages on 5xx' }],
      },
    },
  };
  const published = () =>
    JSON.parse(account.mocks.sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}') as {
      email: string;
    };

  beforeEach(() => {
    s3.install();
    account.install(NOW);
    account.mocks.dynamodb.on(QueryCommand).resolves({ Items: [] });
    account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
    // Only orders' alarm carries orders' tag; nothing is tagged billing.
    tagging.reset();
    tagging.on(GetResourcesCommand).callsFake((input: GetResourcesCommandInput) => {
      const orders = input.TagFilters?.some((f) => f.Key === 'service' && f.Values?.includes('orders'));
      const alarms = input.ResourceTypeFilters?.includes('cloudwatch:alarm');
      return {
        ResourceTagMappingList: orders && alarms ? [{ ResourceARN: ORDERS_ALARM }] : [],
        PaginationToken: '',
      };
    });
    account.mocks.sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
      if (input.RoleArn.includes('777788889999')) {
        throw Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' });
      }
      return {
        Credentials: {
          AccessKeyId: 'ASIA-PROD',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 3_600_000),
        },
      };
    });
  });

  it("re-runs the checks with the service's own settings, through the environment's role, in its region", async () => {
    watchKept(ORGANIZATION, { service: 'orders', environment: 'prod' });
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, delay: '1h' }, NOW);

    expect(result.status).toBe('PASS');
    expect(account.mocks.sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: ROLE,
      ExternalId: 'preflight-prod',
    });
    const calls = [
      ...account.mocks.cloudwatch.commandCalls(DescribeAlarmsCommand),
      ...tagging.commandCalls(GetResourcesCommand),
    ];
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      await expect(sentWith(call)).resolves.toEqual({ region: 'eu-west-1', accessKeyId: 'ASIA-PROD' });
    }
    // Scoped to the service's own resources: its tag, asked for in its account.
    expect(tagging).toHaveReceivedCommandWith(GetResourcesCommand, {
      TagFilters: [{ Key: 'service', Values: ['orders'] }],
    });
  });

  it("judges another service by that service's settings: its own required alarm is missing", async () => {
    watchKept(ORGANIZATION, { service: 'billing', environment: 'prod' });
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, service: 'billing', delay: '1h' }, NOW);

    expect(result.status).toBe('FAIL');
    expect(published().email).toMatch(/alarms: .*billing-5xx/s);
  });

  it("holds the configuration's mutes: a muted failure does not fail the follow-up", async () => {
    const mute = {
      check: 'alarms',
      resource: 'billing-5xx',
      reason: 'Alarm moves to the new stack (OPS-9).',
      until: '2026-12-31',
    };
    watchKept({ ...ORGANIZATION, mutes: [mute] }, { service: 'billing', environment: 'prod' });
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, service: 'billing', delay: '1h' }, NOW);

    expect(result.status).toBe('PASS');
  });

  it('reports every check as ERROR, naming the role, when the role cannot be assumed', async () => {
    watchKept(ORGANIZATION, { service: 'orders', environment: 'broken' });
    const { run } = await import('../../lambdas/handlers/followups/run');

    const result = await run({ ...EVENT, environment: 'broken', delay: '1h' }, NOW);

    expect(result.status).toBe('FAIL');
    expect(published().email).toContain(
      'ERROR alarms *: Could not evaluate: could not assume arn:aws:iam::777788889999:role/preflight-audit',
    );
    expect(account.mocks.cloudwatch).not.toHaveReceivedCommand(DescribeAlarmsCommand);
  });

  it('refuses the settings kept for another service or environment', async () => {
    watchKept(ORGANIZATION, { service: 'billing', environment: 'prod' });
    const { run } = await import('../../lambdas/handlers/followups/run');

    await expect(run({ ...EVENT, delay: '1h' }, NOW)).rejects.toThrow(
      'are for billing in prod, not orders in prod',
    );
    expect(account.mocks.sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('refuses a deployment this stack did not watch', async () => {
    const { run } = await import('../../lambdas/handlers/followups/run');

    await expect(run({ ...EVENT, delay: '1h' }, NOW)).rejects.toThrow(
      'no follow-up settings at watches/build-7/followup.json',
    );
  });
});

describe('follow-up handler: the configuration kept with the settings', () => {
  beforeEach(() => {
    s3.install();
    account.install(NOW);
    account.mocks.dynamodb.on(QueryCommand).resolves({ Items: [] });
    account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
  });

  /** The settings a watch kept, with their configuration changed in storage. */
  function keptWith(change: (config: Record<string, unknown>) => Record<string, unknown>) {
    watchKept({});
    const key = `reports/watches/${EVENT.deploymentId}/followup.json`;
    const kept = JSON.parse(s3.objects.get(key) as string) as { config: Record<string, unknown> };
    s3.objects.set(key, JSON.stringify({ ...kept, config: change(kept.config) }));
  }

  it.each([
    [
      'a check setting out of bounds',
      (config: Record<string, unknown>) => ({
        ...config,
        checks: { ...(config.checks as object), alarms: { enabled: 'yes' } },
      }),
      'config.checks.alarms.enabled',
    ],
    [
      'a section the follow-ups do not keep',
      (config: Record<string, unknown>) => ({ ...config, gate: { concurrency: 1000 } }),
      '"gate"',
    ],
    [
      'a trigger whose metric has no definition',
      (config: Record<string, unknown>) => ({
        ...config,
        watch: {
          ...(config.watch as object),
          metrics: {
            requests: {
              namespace: 'AWS/ApplicationELB',
              metricName: 'RequestCount',
              dimensions: { LoadBalancer: 'app/orders/1' },
              stat: 'Sum',
            },
          },
        },
      }),
      'config.watch.metrics: no definition for metric id',
    ],
  ])('refuses %s, naming the field, and tells nobody', async (_what, change, message) => {
    keptWith(change);
    const { run } = await import('../../lambdas/handlers/followups/run');

    await expect(run({ ...EVENT, delay: '1h' }, NOW)).rejects.toThrow(message);
    expect(account.mocks.sns).not.toHaveReceivedCommand(PublishCommand);
  });
});
