import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import type { AwsStub } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile } from '../support/cli-in-process';
import { listedResources } from '../support/listed-resources';

/*
 * `preflight audit --checks <check>` over the whole account, when a family's listing pages the way a
 * real account does: a page token on pages 1 and 2, the resource that fails on page 3, and a resource
 * listed again on a later page (a listing that moved while it was read). Every page is read, and a
 * resource listed twice is judged once.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
const account = stubHealthyAccount(new Date());
afterAll(() => {
  account.restore();
});
const { mocks, days } = account;
const configFile = defaultsConfigFile();

// biome-ignore lint/suspicious/noExplicitAny: one pager serves every client's listing
type AnyStub = AwsStub<any, any, any>;

/**
 * Answers `command` in three pages: `good` on page 1, `good` again on page 2, `bad` on page 3.
 * `tokenIn` is the request's page token, `tokenOut` the answer's.
 */
function pages(
  mock: AnyStub,
  command: object,
  tokens: { in: string; out: string },
  field: string,
  good: object,
  bad: object,
  extra: object = {},
) {
  mock.on(command as never).callsFake((input: Record<string, unknown>) => {
    const token = input[tokens.in];
    if (token === undefined) return { [field]: [good], [tokens.out]: 'page-2', ...extra };
    if (token === 'page-2') return { [field]: [good], [tokens.out]: 'page-3', ...extra };
    return { [field]: [bad], ...extra };
  });
}

const {
  secret,
  fn,
  targetGroup,
  autoScalingGroup: group,
  logGroup,
  user,
  alarm,
  database,
} = listedResources({
  account: ACCOUNT,
  days,
});

const MARKER = { in: 'Marker', out: 'Marker' };
const NEXT_MARKER = { in: 'Marker', out: 'NextMarker' };
const NEXT_TOKEN = { in: 'NextToken', out: 'NextToken' };

/** family, check, the listing paged, the resource listed twice (healthy), the one on page 3 (broken). */
const CASES: { family: string; check: string; arrange: () => void; good: string; bad: string }[] = [
  {
    family: 'secrets',
    check: 'secrets-rotation',
    arrange: () =>
      pages(
        mocks.secrets,
        ListSecretsCommand,
        NEXT_TOKEN,
        'SecretList',
        secret('ok', true),
        secret('bad', false),
      ),
    good: 'secret:ok',
    bad: 'secret:bad',
  },
  {
    family: 'secrets',
    check: 'ssm-secure-parameters',
    arrange: () =>
      pages(
        mocks.ssm,
        DescribeParametersCommand,
        NEXT_TOKEN,
        'Parameters',
        {
          Name: '/prod/db-password',
          Type: 'SecureString',
          ARN: `arn:aws:ssm:${AT}:parameter/prod/db-password`,
        },
        { Name: '/prod/api-secret', Type: 'String', ARN: `arn:aws:ssm:${AT}:parameter/prod/api-secret` },
      ),
    good: 'parameter/prod/db-password',
    bad: 'parameter/prod/api-secret',
  },
  {
    family: 'secrets',
    check: 'iam-access-keys',
    arrange: () => {
      pages(mocks.iam, ListUsersCommand, MARKER, 'Users', user('ok'), user('bad'), { IsTruncated: true });
      mocks.iam.on(ListAccessKeysCommand).callsFake((input: { UserName: string }) => ({
        AccessKeyMetadata: [
          {
            UserName: input.UserName,
            AccessKeyId: `AKIA${input.UserName.toUpperCase()}`,
            Status: 'Active',
            CreateDate: input.UserName === 'bad' ? days(-400) : days(-5),
          },
        ],
      }));
      mocks.iam.on(GetAccessKeyLastUsedCommand).resolves({
        UserName: 'x',
        AccessKeyLastUsed: { LastUsedDate: days(-1), ServiceName: 's3', Region: 'us-east-1' },
      });
    },
    good: 'user/ok/',
    bad: 'user/bad/',
  },
  {
    family: 'alarms',
    check: 'alarms',
    arrange: () =>
      pages(
        mocks.cloudwatch,
        DescribeAlarmsCommand,
        NEXT_TOKEN,
        'MetricAlarms',
        alarm('ok', true),
        alarm('bad', false),
        {
          CompositeAlarms: [],
        },
      ),
    good: 'alarm:ok',
    bad: 'alarm:bad',
  },
  {
    family: 'backups',
    check: 'database-backups',
    arrange: () =>
      pages(
        mocks.rds,
        DescribeDBInstancesCommand,
        MARKER,
        'DBInstances',
        database('ok', 14),
        database('bad', 0),
      ),
    good: 'db:ok',
    bad: 'db:bad',
  },
  {
    family: 'tracing',
    check: 'tracing',
    arrange: () =>
      pages(
        mocks.lambda,
        ListFunctionsCommand,
        NEXT_MARKER,
        'Functions',
        fn('ok', 'Active'),
        fn('bad', 'PassThrough'),
      ),
    good: 'function:ok',
    bad: 'function:bad',
  },
  {
    family: 'load-balancing',
    check: 'load-balancer-health-checks',
    arrange: () => {
      pages(
        mocks.elb,
        DescribeTargetGroupsCommand,
        NEXT_MARKER,
        'TargetGroups',
        targetGroup('ok', true),
        targetGroup('bad', false),
      );
      mocks.elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    },
    good: 'targetgroup/ok/',
    bad: 'targetgroup/bad/',
  },
  {
    family: 'scaling',
    check: 'auto-scaling-policies',
    arrange: () =>
      pages(
        mocks.autoScaling,
        DescribeAutoScalingGroupsCommand,
        NEXT_TOKEN,
        'AutoScalingGroups',
        group('ok', 2, 6),
        group('bad', 1, 1),
      ),
    good: 'autoScalingGroupName/ok',
    bad: 'autoScalingGroupName/bad',
  },
  {
    family: 'observability',
    check: 'log-delivery',
    arrange: () => {
      pages(
        mocks.logs,
        DescribeLogGroupsCommand,
        { in: 'nextToken', out: 'nextToken' },
        'logGroups',
        logGroup('/app/ok', 30),
        logGroup('/app/bad'),
      );
      mocks.logs.on(DescribeLogStreamsCommand).resolves({
        logStreams: [
          { logStreamName: 's', lastEventTimestamp: days(0).getTime(), lastIngestionTime: days(0).getTime() },
        ],
      });
    },
    good: 'log-group:/app/ok',
    bad: 'log-group:/app/bad',
  },
];

const audit = async (check: string): Promise<AuditReport> =>
  (await auditChecksInProcess(configFile, check)).report;

beforeEach(() => {
  account.install();
  account.pipelineCaller(ACCOUNT);
});

describe('preflight audit: a listing of three pages, a resource listed twice', () => {
  it.each(CASES)(
    '$family/$check reads every page and judges each resource once',
    async ({ check, arrange, good, bad }) => {
      arrange();
      const report = await audit(check);
      const lines = report.findings.map((f) => `${f.rule} ${f.resource}`);

      // The resource on the last page is judged, and found wanting.
      const verdicts = report.findings.filter((f) => f.resource.includes(bad)).map((f) => f.status);
      expect(verdicts.some((status) => status === 'FAIL' || status === 'WARN')).toBe(true);
      // The resource listed on pages 1 and 2 is judged once: one finding per rule.
      const twice = lines.filter((line) => line.includes(good));
      expect(twice.length).toBeGreaterThan(0);
      expect(twice).toEqual([...new Set(twice)]);
    },
  );
});
