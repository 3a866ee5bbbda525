import {
  ListBackupJobsCommand,
  ListProtectedResourcesCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FindingStatus } from '../../lambdas/core/findings';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile } from '../support/cli-in-process';

/*
 * `preflight audit --checks <check>` when an answer leaves out a field its SDK type calls optional,
 * or gives a date as text or as no date at all. Nothing passes on a field the answer did not give:
 * a missing setting is read as off (FAIL), a missing field the rule needs is an ERROR naming it, a
 * date written as ISO text is read as that date, and a date that is no date is an ERROR naming the
 * field and the resource (rule `read`), never a JavaScript error or a pass.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
const account = stubHealthyAccount(new Date());
afterAll(() => {
  account.restore();
});
const { mocks, days } = account;
const configFile = defaultsConfigFile();

const SECRET = `arn:aws:secretsmanager:${AT}:secret:prod/db`;
const secretWith = (fields: Record<string, unknown>) =>
  mocks.secrets.on(ListSecretsCommand).resolves({
    SecretList: [
      {
        ARN: SECRET,
        Name: 'prod/db',
        KmsKeyId: `arn:aws:kms:${AT}:key/1`,
        RotationEnabled: true,
        RotationRules: { AutomaticallyAfterDays: 30 },
        CreatedDate: days(-300),
        LastRotatedDate: days(-3),
        LastChangedDate: days(-3),
        NextRotationDate: days(27),
        SecretVersionsToStages: { v1: ['AWSCURRENT'] },
        ...fields,
      } as never,
    ],
  });
const KEY = `arn:aws:iam::${ACCOUNT}:user/ci/access-key/AKIACI`;
const keyWith = (created: unknown, lastUsed: Record<string, unknown>) => {
  mocks.iam.on(ListUsersCommand).resolves({
    Users: [
      {
        UserName: 'ci',
        Arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
        UserId: 'U',
        Path: '/',
        CreateDate: days(-500),
      },
    ],
  });
  mocks.iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { UserName: 'ci', AccessKeyId: 'AKIACI', Status: 'Active', CreateDate: created as Date },
    ],
  });
  mocks.iam.on(GetAccessKeyLastUsedCommand).resolves(lastUsed);
};
const ALARM = `arn:aws:cloudwatch:${AT}:alarm:orders-5xx`;
const alarmWith = (fields: Record<string, unknown>) =>
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      {
        AlarmName: 'orders-5xx',
        AlarmArn: ALARM,
        AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'],
        StateValue: 'OK',
        TreatMissingData: 'breaching',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HTTPCode_Target_5XX_Count',
        ...fields,
      } as never,
    ],
    CompositeAlarms: [],
  });
const DATABASE = `arn:aws:rds:${AT}:db:orders`;
const databaseWith = (fields: Record<string, unknown>) =>
  mocks.rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      { DBInstanceIdentifier: 'orders', DBInstanceArn: DATABASE, Engine: 'postgres', ...fields } as never,
    ],
  });

/** what the answer holds, the check, the resource, then `rule STATUS` of the findings expected (and the message, for ERROR). */
const CASES: {
  answer: string;
  check: string;
  arrange: () => void;
  resource: string;
  rule: string;
  status: FindingStatus;
  says?: string;
}[] = [
  {
    answer: 'a secret with its dates as ISO text',
    check: 'secrets-rotation',
    arrange: () =>
      secretWith({
        CreatedDate: days(-400).toISOString(),
        LastRotatedDate: days(-200).toISOString(),
        NextRotationDate: days(-170).toISOString(),
      }),
    resource: SECRET,
    rule: 'rotation-age',
    status: 'FAIL',
  },
  {
    answer: 'a secret whose last rotation is text that is no date',
    check: 'secrets-rotation',
    arrange: () => secretWith({ LastRotatedDate: 'last tuesday' }),
    resource: SECRET,
    rule: 'read',
    status: 'ERROR',
    says: 'secretsmanager:ListSecrets failed (MalformedDate): SecretListEntry.LastRotatedDate is not a date (got "last tuesday")',
  },
  {
    answer: 'a secret whose last rotation is an invalid date',
    check: 'secrets-rotation',
    arrange: () => secretWith({ LastRotatedDate: new Date('garbage') }),
    resource: SECRET,
    rule: 'read',
    status: 'ERROR',
    says: 'SecretListEntry.LastRotatedDate is not a date (got an invalid date)',
  },
  {
    answer: 'a secret without KmsKeyId (the AWS managed key)',
    check: 'secrets-encryption',
    arrange: () => secretWith({ KmsKeyId: undefined }),
    resource: SECRET,
    rule: 'kms-key',
    status: 'FAIL',
  },
  {
    answer: 'a secret without Tags and without LastRotatedDate (never rotated, created long ago)',
    check: 'secrets-rotation',
    arrange: () => secretWith({ LastRotatedDate: undefined, Tags: undefined }),
    resource: SECRET,
    rule: 'rotation-age',
    status: 'FAIL',
  },
  {
    answer: 'an access key whose last use the answer leaves out',
    check: 'iam-access-keys',
    arrange: () => keyWith(days(-5), {}),
    resource: KEY,
    rule: 'key-last-used',
    status: 'ERROR',
    says: 'iam:GetAccessKeyLastUsed failed (MissingField): response lacks AccessKeyLastUsed',
  },
  {
    answer: 'an access key created on a date given as ISO text',
    check: 'iam-access-keys',
    arrange: () =>
      keyWith(days(-400).toISOString(), {
        AccessKeyLastUsed: { LastUsedDate: days(-1), ServiceName: 's3', Region: 'us-east-1' },
      }),
    resource: KEY,
    rule: 'key-age',
    status: 'FAIL',
  },
  {
    answer: 'an alarm with ActionsEnabled absent',
    check: 'alarms',
    arrange: () => alarmWith({}),
    resource: ALARM,
    rule: 'actions',
    status: 'FAIL',
  },
  {
    answer: 'an alarm in INSUFFICIENT_DATA since a time given as ISO text',
    check: 'alarms',
    arrange: () =>
      alarmWith({
        ActionsEnabled: true,
        StateValue: 'INSUFFICIENT_DATA',
        StateTransitionedTimestamp: days(-3).toISOString(),
      }),
    resource: ALARM,
    rule: 'state',
    status: 'WARN',
  },
  {
    answer: 'an alarm whose state time is no date',
    check: 'alarms',
    arrange: () => alarmWith({ ActionsEnabled: true, StateTransitionedTimestamp: 'soon' }),
    resource: ALARM,
    rule: 'read',
    status: 'ERROR',
    says: 'cloudwatch:DescribeAlarms failed (MalformedDate): StateTransitionedTimestamp is not a date (got "soon")',
  },
  {
    answer: 'a database being created (no restorable time yet)',
    check: 'database-backups',
    arrange: () => databaseWith({ DBInstanceStatus: 'creating', BackupRetentionPeriod: 7 }),
    resource: DATABASE,
    rule: 'freshness',
    status: 'FAIL',
  },
  {
    answer: 'a database without BackupRetentionPeriod',
    check: 'database-backups',
    arrange: () => databaseWith({ DBInstanceStatus: 'available' }),
    resource: DATABASE,
    rule: 'protection',
    status: 'ERROR',
    says: 'rds:DescribeDBInstances failed (MissingField): BackupRetentionPeriod absent',
  },
  {
    answer: 'a function without TracingConfig',
    check: 'tracing',
    arrange: () =>
      mocks.lambda.on(ListFunctionsCommand).resolves({
        Functions: [{ FunctionName: 'orders', FunctionArn: `arn:aws:lambda:${AT}:function:orders` }],
      }),
    resource: `arn:aws:lambda:${AT}:function:orders`,
    rule: 'function-tracing',
    status: 'ERROR',
    says: 'lambda:ListFunctions gave no tracing mode for orders',
  },
  {
    answer: 'a target group without HealthCheckEnabled',
    check: 'load-balancer-health-checks',
    arrange: () => {
      mocks.elb.on(DescribeTargetGroupsCommand).resolves({
        TargetGroups: [
          { TargetGroupName: 'web', TargetGroupArn: `arn:aws:elasticloadbalancing:${AT}:targetgroup/web/1` },
        ],
      });
      mocks.elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    },
    resource: `arn:aws:elasticloadbalancing:${AT}:targetgroup/web/1`,
    rule: 'health-check',
    status: 'FAIL',
  },
  {
    answer: 'a parameter without Type',
    check: 'ssm-secure-parameters',
    arrange: () =>
      mocks.ssm.on(DescribeParametersCommand).resolves({
        Parameters: [{ Name: '/prod/db-password', ARN: `arn:aws:ssm:${AT}:parameter/prod/db-password` }],
      }),
    resource: `arn:aws:ssm:${AT}:parameter/prod/db-password`,
    rule: 'read',
    status: 'ERROR',
    says: 'ssm:DescribeParameters failed (MissingField): response lacks ParameterMetadata.Type',
  },
  // AWS Backup's listings are looked up for the databases: a date there that is none fails the
  // listing naming the field (left out, the database would be judged unprotected); the rules that
  // need the listing are ERROR on each database.
  {
    answer: 'a protected resource whose last backup time is no date',
    check: 'database-backups',
    arrange: () => {
      databaseWith({ DBInstanceStatus: 'available', BackupRetentionPeriod: 0 });
      mocks.backup.on(ListProtectedResourcesCommand).resolves({
        Results: [{ ResourceArn: DATABASE, ResourceType: 'RDS', LastBackupTime: 'garbage' as never }],
      });
    },
    resource: DATABASE,
    rule: 'freshness',
    status: 'ERROR',
    says: 'backup:ListProtectedResources failed (MalformedDate): Results[].LastBackupTime is not a date (got "garbage")',
  },
  {
    answer: 'a backup job whose completion is no date',
    check: 'database-backups',
    arrange: () => {
      databaseWith({
        DBInstanceStatus: 'available',
        BackupRetentionPeriod: 7,
        LatestRestorableTime: days(0),
      });
      mocks.backup.on(ListBackupJobsCommand).resolves({
        BackupJobs: [
          { BackupJobId: 'j', ResourceArn: DATABASE, State: 'COMPLETED', CompletionDate: 'later' as never },
        ],
      });
    },
    resource: DATABASE,
    rule: 'backup-jobs',
    status: 'ERROR',
    says: 'backup:ListBackupJobs failed (MalformedDate): BackupJobs[].CompletionDate is not a date (got "later")',
  },
  {
    answer: 'a restore job created on a date given as ISO text',
    check: 'database-backups',
    arrange: () => {
      databaseWith({
        DBInstanceStatus: 'available',
        BackupRetentionPeriod: 7,
        LatestRestorableTime: days(0),
      });
      mocks.backup.on(ListRestoreJobsCommand).resolves({
        RestoreJobs: [
          {
            RestoreJobId: 'r',
            SourceResourceArn: DATABASE,
            Status: 'COMPLETED',
            CreationDate: days(-2).toISOString() as never,
            CompletionDate: days(-2).toISOString() as never,
          },
        ],
      });
    },
    resource: DATABASE,
    rule: 'restore-test',
    status: 'PASS',
  },
];

beforeEach(() => {
  account.install();
  account.pipelineCaller(ACCOUNT);
});

describe('preflight audit: answers with fields left out, dates as text, dates that are none', () => {
  it.each(CASES)('$answer: $check/$rule is $status', async (c) => {
    c.arrange();
    const { report } = await auditChecksInProcess(configFile, c.check);

    const finding = report.findings.find((f) => f.resource === c.resource && f.rule === c.rule);
    expect(finding?.status).toBe(c.status);
    if (c.says !== undefined) expect(finding?.message).toContain(c.says);
    // No JavaScript error text reaches the report, and nothing passes on what the answer left out.
    expect(report.findings.map((f) => f.message).join('\n')).not.toMatch(
      /TypeError|RangeError|NaN|Invalid Date/,
    );
    if (c.status === 'FAIL' || c.status === 'ERROR') expect(report.verdict).toBe(c.status);
  });
});
