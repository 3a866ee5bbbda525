import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { ListBackupJobsCommand, ListProtectedResourcesCommand } from '@aws-sdk/client-backup';
import { DescribeAlarmsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeContinuousBackupsCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FindingStatus } from '../../lambdas/core/findings';
import { stubHealthyAccount } from '../support/account-stubs';
import { auditChecksInProcess, defaultsConfigFile } from '../support/cli-in-process';

/*
 * `preflight audit --checks <check>` on answers a real account gives that the healthy stub does
 * not: alarms that drive Auto Scaling, secrets another AWS service owns, replica secrets, ACM
 * certificates nothing uses. Each case
 * names the findings it expects, so a noise FAIL (a verdict an SRE would mute) fails the test as
 * surely as a false PASS.
 */

const ACCOUNT = '111122223333';
const AT = `us-east-1:${ACCOUNT}`;
const account = stubHealthyAccount(new Date());
afterAll(() => {
  account.restore();
});
const { mocks, days } = account;
const configFile = defaultsConfigFile();
/** A configuration naming two key metrics: one AWS publishes only when non-zero, one always. */
const keyMetricsConfig = join(
  mkdtempSync(join(tmpdir(), 'preflight-real-answers-')),
  'preflight.config.json',
);
writeFileSync(
  keyMetricsConfig,
  JSON.stringify({
    checks: {
      'metrics-collection': {
        metrics: [
          { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' },
          { namespace: 'AWS/ApplicationELB', metricName: 'HealthyHostCount' },
        ],
      },
    },
  }),
);

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:oncall';
const CENTRAL_TOPIC = 'arn:aws:sns:us-east-1:999988887777:org-oncall';
const ECS_TARGET_TRACKING = `arn:aws:autoscaling:${AT}:scalingPolicy:7c1d2e3f-0000-4000-8000-000000000001:resource/ecs/service/prod/orders:policyName/orders-cpu-target`;
const ASG_STEP_SCALING = `arn:aws:autoscaling:${AT}:scalingPolicy:7c1d2e3f-0000-4000-8000-000000000002:autoScalingGroupName/web:policyName/scale-out`;

const alarmArn = (name: string) => `arn:aws:cloudwatch:${AT}:alarm:${name}`;
const metricAlarm = (name: string, fields: Record<string, unknown>) => ({
  AlarmName: name,
  AlarmArn: alarmArn(name),
  ActionsEnabled: true,
  StateValue: 'OK',
  StateTransitionedTimestamp: days(-3),
  Namespace: 'AWS/ECS',
  MetricName: 'CPUUtilization',
  ...fields,
});
const alarms = (...metricAlarms: Record<string, unknown>[]) =>
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: metricAlarms as never,
    CompositeAlarms: [],
  });

const secretArn = (name: string, region = 'us-east-1') =>
  `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
const secret = (name: string, fields: Record<string, unknown>) => ({
  ARN: secretArn(name),
  Name: name,
  KmsKeyId: `arn:aws:kms:${AT}:key/1`,
  RotationEnabled: false,
  CreatedDate: days(-300),
  LastChangedDate: days(-300),
  SecretVersionsToStages: { v1: ['AWSCURRENT'] },
  ...fields,
});
const secrets = (...list: Record<string, unknown>[]) =>
  mocks.secrets.on(ListSecretsCommand).resolves({ SecretList: list as never });
const KEY = `arn:aws:kms:${AT}:key/1`;
/** A secret on key/1, whose DescribeKey answers `fields` (over an enabled customer managed key). */
const secretOnKey = (fields: Record<string, unknown>) => {
  secrets(secret('prod/db', {}));
  mocks.kms.on(DescribeKeyCommand).resolves({
    KeyMetadata: { KeyId: '1', Arn: KEY, KeyManager: 'CUSTOMER', KeyState: 'Enabled', ...fields } as never,
  });
};

const functionArn = (name: string) => `arn:aws:lambda:${AT}:function:${name}`;
/** One function as ListFunctions lists it, not tracing actively (CDK's default). */
const untracedFunction = (name: string, fields: Record<string, unknown> = {}) =>
  mocks.lambda.on(ListFunctionsCommand).resolves({
    Functions: [
      {
        FunctionName: name,
        FunctionArn: functionArn(name),
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        TracingConfig: { Mode: 'PassThrough' },
        Timeout: 900,
        MemorySize: 128,
        ...fields,
      } as never,
    ],
  });

const certificateArn = (id: string) => `arn:aws:acm:${AT}:certificate/${id}`;
const certificate = (id: string, fields: Record<string, unknown>, renewal?: Record<string, unknown>) => {
  // ACM has no renewal summary for a certificate it will not renew (not in use).
  mocks.acm
    .on(DescribeCertificateCommand)
    .resolves({ Certificate: { CertificateArn: certificateArn(id), RenewalSummary: renewal as never } });
  mocks.acm.on(ListCertificatesCommand).resolves({
    CertificateSummaryList: [
      {
        CertificateArn: certificateArn(id),
        DomainName: 'old.example.com',
        Status: 'ISSUED',
        Type: 'AMAZON_ISSUED',
        KeyAlgorithm: 'RSA-2048',
        InUse: false,
        Exported: false,
        RenewalEligibility: 'INELIGIBLE',
        NotBefore: days(-390),
        NotAfter: days(5),
        ...fields,
      } as never,
    ],
  });
};

const TABLE = `arn:aws:dynamodb:${AT}:table/sessions`;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
/** A DynamoDB table without PITR that a daily AWS Backup plan protects, last backed up `hours` ago. */
const dailyBackedUpTable = (hours: number, jobs: readonly Record<string, unknown>[]) => {
  mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: ['sessions'] });
  mocks.dynamodb.on(DescribeContinuousBackupsCommand).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  });
  mocks.backup.on(ListProtectedResourcesCommand).resolves({
    Results: [{ ResourceArn: TABLE, ResourceType: 'DynamoDB', LastBackupTime: hoursAgo(hours) }],
  });
  mocks.backup.on(ListBackupJobsCommand).resolves({
    BackupJobs: jobs.map((job) => ({ ResourceArn: TABLE, ResourceType: 'DynamoDB', ...job })) as never,
  });
};

const DB = `arn:aws:rds:${AT}:db:orders`;
const CLUSTER = `arn:aws:rds:${AT}:cluster:catalog`;
/** An RDS instance with 7-day automated backups whose latest restorable time is `hours` old. */
const rdsInstance = (status: string, hours: number) =>
  mocks.rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: 'orders',
        DBInstanceArn: DB,
        Engine: 'postgres',
        DBInstanceStatus: status,
        BackupRetentionPeriod: 7,
        LatestRestorableTime: hoursAgo(hours),
      },
    ],
  });
/** An Aurora cluster with 7-day automated backups whose latest restorable time is `hours` old. */
const auroraCluster = (status: string, hours: number) =>
  mocks.rds.on(DescribeDBClustersCommand).resolves({
    DBClusters: [
      {
        DBClusterIdentifier: 'catalog',
        DBClusterArn: CLUSTER,
        Engine: 'aurora-postgresql',
        Status: status,
        BackupRetentionPeriod: 7,
        LatestRestorableTime: hoursAgo(hours),
      },
    ],
  });

const parameterArn = (name: string) => `arn:aws:ssm:${AT}:parameter${name}`;
/** Two String parameters: one names a secret kept in Secrets Manager, one holds a password. */
const stringParameters = () =>
  mocks.ssm.on(DescribeParametersCommand).resolves({
    Parameters: ['/orders/db-secret-arn', '/orders/db-password'].map((name) => ({
      Name: name,
      ARN: parameterArn(name),
      Type: 'String',
      LastModifiedDate: days(-30),
    })),
  });

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const CI_USER = `arn:aws:iam::${ACCOUNT}:user/ci`;
/** What GetAccountSummary says of the root user's access keys (1 when it has any). */
const rootKeys = (present: number | undefined) =>
  mocks.iam
    .on(GetAccountSummaryCommand)
    .resolves({ SummaryMap: { Users: 1, AccessKeysPerUserQuota: 2, AccountAccessKeysPresent: present } });
/** User ci with the given access key entries, each used yesterday. */
const ciKeys = (...keys: Record<string, unknown>[]) => {
  mocks.iam.on(ListUsersCommand).resolves({
    Users: [{ UserName: 'ci', Arn: CI_USER, UserId: 'AIDACI', Path: '/', CreateDate: days(-400) }],
  });
  mocks.iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: keys as never });
  mocks.iam.on(GetAccessKeyLastUsedCommand).resolves({
    UserName: 'ci',
    AccessKeyLastUsed: { LastUsedDate: days(-1), ServiceName: 's3', Region: 'us-east-1' },
  });
};
const ciKey = (id: string, fields: Record<string, unknown> = {}) => ({
  UserName: 'ci',
  AccessKeyId: id,
  Status: 'Active',
  CreateDate: days(-10),
  ...fields,
});
const summaryDenied = () => {
  ciKeys(ciKey('AKIACI'));
  mocks.iam.on(GetAccountSummaryCommand).rejects(
    Object.assign(new Error('User is not authorized to perform: iam:GetAccountSummary'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    }),
  );
};

/** ListUsers denied, with the root user's keys as given. */
const listUsersDenied = (rootKeysPresent: number) => () => {
  rootKeys(rootKeysPresent);
  mocks.iam.on(ListUsersCommand).rejects(
    Object.assign(new Error('User is not authorized to perform: iam:ListUsers'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    }),
  );
};

interface Case {
  readonly answer: string;
  readonly check: string;
  readonly arrange: () => void;
  readonly resource: string;
  /** Every finding of the resource, as `rule STATUS`, in report order. */
  readonly findings: readonly string[];
  /** The configuration file. @default every check with its defaults */
  readonly config?: string;
  /** Words the resource's findings (messages and remediations) must hold. */
  readonly says?: string;
}

const TARGET_TRACKING_LOW = 'TargetTracking-service/prod/orders-AlarmLow-1a2b3c';
const STEP_HIGH = 'web-cpu-high';
const PAGING_HIGH = 'orders-cpu-high';
const FIVE_XX = 'orders-5xx';
const HEALTHY = 'orders-healthy-hosts';

const CASES: readonly Case[] = [
  {
    answer: 'the root user with an access key (GetAccountSummary: AccountAccessKeysPresent 1)',
    check: 'iam-access-keys',
    arrange: () => rootKeys(1),
    resource: ROOT,
    findings: ['root-keys FAIL'],
    says: "Delete the root user's access keys",
  },
  {
    answer: 'the root user without access keys (AccountAccessKeysPresent 0)',
    check: 'iam-access-keys',
    arrange: () => rootKeys(0),
    resource: ROOT,
    findings: ['root-keys PASS'],
  },
  {
    answer: 'an account summary that leaves AccountAccessKeysPresent out',
    check: 'iam-access-keys',
    arrange: () => rootKeys(undefined),
    resource: ROOT,
    findings: ['root-keys ERROR'],
    says: 'AccountAccessKeysPresent',
  },
  {
    answer: 'GetAccountSummary denied (the root user is not judged)',
    check: 'iam-access-keys',
    arrange: summaryDenied,
    resource: ROOT,
    findings: ['root-keys ERROR'],
    says: 'iam:GetAccountSummary',
  },
  {
    answer: "GetAccountSummary denied (the users' keys are still judged)",
    check: 'iam-access-keys',
    arrange: summaryDenied,
    resource: `${CI_USER}/access-key/AKIACI`,
    findings: ['key-age PASS', 'key-last-used PASS'],
  },
  {
    answer: 'ListUsers denied (the root user is still judged)',
    check: 'iam-access-keys',
    arrange: listUsersDenied(1),
    resource: ROOT,
    findings: ['root-keys FAIL'],
  },
  {
    answer: "ListUsers denied (the users' keys are an ERROR, not a pass)",
    check: 'iam-access-keys',
    arrange: listUsersDenied(0),
    resource: `arn:aws:iam::${ACCOUNT}:user/*`,
    findings: ['list-users ERROR'],
    says: 'iam:ListUsers',
  },
  {
    answer: 'a user with one key entry IAM listed without its status (that key is not judged)',
    check: 'iam-access-keys',
    arrange: () => ciKeys(ciKey('AKIABROKEN', { Status: undefined }), ciKey('AKIAOK')),
    resource: `${CI_USER}/access-key/AKIABROKEN`,
    findings: ['read ERROR'],
    says: 'AccessKeyMetadata.Status',
  },
  {
    answer: "a user with one key entry IAM listed without its status (the user's other key is judged)",
    check: 'iam-access-keys',
    arrange: () =>
      ciKeys(ciKey('AKIABROKEN', { Status: undefined }), ciKey('AKIAOK', { CreateDate: days(-400) })),
    resource: `${CI_USER}/access-key/AKIAOK`,
    findings: ['key-age FAIL', 'key-last-used PASS'],
  },
  {
    answer: "a String parameter holding a secret's ARN (the secret is in Secrets Manager)",
    check: 'ssm-secure-parameters',
    arrange: stringParameters,
    resource: parameterArn('/orders/db-secret-arn'),
    findings: [],
  },
  {
    answer: 'a String parameter holding a password',
    check: 'ssm-secure-parameters',
    arrange: stringParameters,
    resource: parameterArn('/orders/db-password'),
    findings: ['secure-string FAIL'],
  },
  {
    answer: 'a daily AWS Backup job still running, started within the 24 h RPO, the last point 25 h old',
    check: 'database-backups',
    arrange: () =>
      dailyBackedUpTable(25, [
        {
          BackupJobId: 'yesterday',
          State: 'COMPLETED',
          CreationDate: hoursAgo(25),
          CompletionDate: hoursAgo(24.5),
        },
        { BackupJobId: 'today', State: 'RUNNING', CreationDate: hoursAgo(1.5) },
      ]),
    resource: TABLE,
    findings: ['protection PASS', 'freshness WARN', 'backup-jobs PASS', 'restore-test WARN'],
    says: 'AWS Backup job today started 1.5 h ago, within the RPO, and is RUNNING',
  },
  {
    answer: 'a daily AWS Backup job that started only after the RPO lapsed',
    check: 'database-backups',
    arrange: () =>
      dailyBackedUpTable(30, [{ BackupJobId: 'late', State: 'RUNNING', CreationDate: hoursAgo(2) }]),
    resource: TABLE,
    findings: ['protection PASS', 'freshness FAIL', 'backup-jobs PASS', 'restore-test WARN'],
  },
  {
    answer: 'a nightly AWS Backup job that failed and whose retry completed an hour later',
    check: 'database-backups',
    arrange: () =>
      dailyBackedUpTable(8, [
        {
          BackupJobId: 'nightly',
          State: 'FAILED',
          StatusMessage: 'Backup job expired before completion',
          CreationDate: hoursAgo(9),
        },
        {
          BackupJobId: 'retry',
          State: 'COMPLETED',
          CreationDate: hoursAgo(8),
          CompletionDate: hoursAgo(7.5),
        },
      ]),
    resource: TABLE,
    findings: ['protection PASS', 'freshness PASS', 'backup-jobs WARN', 'restore-test WARN'],
    says: 'job retry, started after, completed',
  },
  {
    answer: 'a nightly AWS Backup job that failed, nothing completed since',
    check: 'database-backups',
    arrange: () =>
      dailyBackedUpTable(20, [
        { BackupJobId: 'earlier', State: 'COMPLETED', CreationDate: hoursAgo(20) },
        {
          BackupJobId: 'nightly',
          State: 'FAILED',
          StatusMessage: 'Backup job expired before completion',
          CreationDate: hoursAgo(9),
        },
      ]),
    resource: TABLE,
    findings: ['protection PASS', 'freshness PASS', 'backup-jobs FAIL', 'restore-test WARN'],
  },
  {
    answer: 'a stopped RDS instance whose last automated backup is from before it stopped, 3 days ago',
    check: 'database-backups',
    arrange: () => rdsInstance('stopped', 72),
    resource: DB,
    findings: ['protection PASS', 'freshness WARN', 'backup-jobs SKIPPED', 'restore-test WARN'],
    says: 'stopped',
  },
  {
    answer: 'the same instance running, its newest point 3 days old',
    check: 'database-backups',
    arrange: () => rdsInstance('available', 72),
    resource: DB,
    findings: ['protection PASS', 'freshness FAIL', 'backup-jobs SKIPPED', 'restore-test WARN'],
  },
  {
    answer: 'a stopped Aurora cluster whose newest point is 2 days old',
    check: 'database-backups',
    arrange: () => auroraCluster('stopped', 48),
    resource: CLUSTER,
    findings: ['protection PASS', 'freshness WARN', 'backup-jobs SKIPPED', 'restore-test WARN'],
    says: 'restarts it after 7 days',
  },
  {
    answer: 'a stopped RDS instance with no restorable point at all',
    check: 'database-backups',
    arrange: () =>
      mocks.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders',
            DBInstanceArn: DB,
            Engine: 'postgres',
            DBInstanceStatus: 'stopped',
            BackupRetentionPeriod: 0,
          },
        ],
      }),
    resource: DB,
    findings: ['protection FAIL', 'freshness FAIL', 'backup-jobs SKIPPED', 'restore-test WARN'],
  },
  {
    answer: 'a target-tracking AlarmLow alarm in ALARM (low load: scale in)',
    check: 'alarms',
    arrange: () =>
      alarms(
        metricAlarm(TARGET_TRACKING_LOW, {
          AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${ECS_TARGET_TRACKING}.`,
          AlarmActions: [ECS_TARGET_TRACKING],
          StateValue: 'ALARM',
          StateTransitionedTimestamp: days(-12),
        }),
      ),
    resource: alarmArn(TARGET_TRACKING_LOW),
    findings: ['alarm PASS'],
    says: 'drives Auto Scaling',
  },
  {
    answer: 'a step-scaling alarm in ALARM whose only action is the scaling policy',
    check: 'alarms',
    arrange: () =>
      alarms(
        metricAlarm(STEP_HIGH, {
          Namespace: 'AWS/EC2',
          AlarmActions: [ASG_STEP_SCALING],
          StateValue: 'ALARM',
          TreatMissingData: 'breaching',
        }),
      ),
    resource: alarmArn(STEP_HIGH),
    findings: ['alarm PASS'],
    says: 'drives Auto Scaling',
  },
  {
    answer: 'an alarm in ALARM that scales and also pages someone',
    check: 'alarms',
    arrange: () =>
      alarms(metricAlarm(PAGING_HIGH, { AlarmActions: [ASG_STEP_SCALING, TOPIC], StateValue: 'ALARM' })),
    resource: alarmArn(PAGING_HIGH),
    findings: ['state FAIL'],
  },
  {
    answer: 'a scaling alarm with its actions disabled',
    check: 'alarms',
    arrange: () =>
      alarms(metricAlarm(STEP_HIGH, { AlarmActions: [ASG_STEP_SCALING], ActionsEnabled: false })),
    resource: alarmArn(STEP_HIGH),
    findings: ['actions FAIL'],
  },
  {
    answer:
      'an ALB target 5XX count alarm treating missing data as notBreaching (ELB publishes it only when non-zero)',
    check: 'alarms',
    arrange: () =>
      alarms(
        metricAlarm(FIVE_XX, {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
          AlarmActions: [TOPIC],
          TreatMissingData: 'notBreaching',
        }),
      ),
    resource: alarmArn(FIVE_XX),
    findings: ['alarm PASS'],
    says: 'only when it is non-zero',
  },
  {
    answer: 'a metric-math 5XX rate over the 5XX count and RequestCount, notBreaching (no traffic hides)',
    check: 'alarms',
    arrange: () =>
      alarms(
        metricAlarm(FIVE_XX, {
          Namespace: undefined,
          MetricName: undefined,
          AlarmActions: [TOPIC],
          TreatMissingData: 'notBreaching',
          Metrics: [
            { Id: 'rate', Expression: 'errors / requests', ReturnData: true },
            {
              Id: 'errors',
              ReturnData: false,
              MetricStat: {
                Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' },
                Period: 60,
                Stat: 'Sum',
              },
            },
            {
              Id: 'requests',
              ReturnData: false,
              MetricStat: {
                Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ],
        }),
      ),
    resource: alarmArn(FIVE_XX),
    findings: ['missing-data WARN'],
  },
  {
    answer: 'an ALB healthy host count alarm treating missing data as notBreaching (published always)',
    check: 'alarms',
    arrange: () =>
      alarms(
        metricAlarm(HEALTHY, {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HealthyHostCount',
          AlarmActions: [TOPIC],
          TreatMissingData: 'notBreaching',
        }),
      ),
    resource: alarmArn(HEALTHY),
    findings: ['missing-data WARN'],
  },
  {
    answer:
      "an alarm paging a central operations account's topic whose policy does not let this account list its subscriptions",
    check: 'alarms',
    arrange: () => {
      alarms(metricAlarm(FIVE_XX, { AlarmActions: [CENTRAL_TOPIC] }));
      mocks.sns.on(ListSubscriptionsByTopicCommand, { TopicArn: CENTRAL_TOPIC }).rejects(
        Object.assign(new Error('User is not authorized to perform: SNS:ListSubscriptionsByTopic'), {
          name: 'AuthorizationError',
          $metadata: { httpStatusCode: 403 },
        }),
      );
    },
    resource: alarmArn(FIVE_XX),
    findings: ['actions ERROR'],
    says: "topic policy in account 999988887777 (the topic's own account)",
  },
  {
    answer:
      'an alarm paging a confirmed topic encrypted with the AWS managed key aws/sns (CloudWatch cannot publish)',
    check: 'alarms',
    arrange: () => {
      alarms(metricAlarm(FIVE_XX, { AlarmActions: [TOPIC] }));
      mocks.sns
        .on(GetTopicAttributesCommand, { TopicArn: TOPIC })
        .resolves({ Attributes: { TopicArn: TOPIC, KmsMasterKeyId: 'alias/aws/sns' } });
    },
    resource: alarmArn(FIVE_XX),
    findings: ['actions FAIL'],
    says: 'AWS managed key aws/sns',
  },
  {
    answer:
      'an alarm paging a confirmed topic whose KmsMasterKeyId is the key ARN of the AWS managed key aws/sns (KeyManager AWS)',
    check: 'alarms',
    arrange: () => {
      alarms(metricAlarm(FIVE_XX, { AlarmActions: [TOPIC] }));
      mocks.sns
        .on(GetTopicAttributesCommand, { TopicArn: TOPIC })
        .resolves({ Attributes: { TopicArn: TOPIC, KmsMasterKeyId: `arn:aws:kms:${AT}:key/5e6f` } });
      mocks.kms.on(DescribeKeyCommand).resolves({
        KeyMetadata: {
          KeyId: '5e6f',
          Arn: `arn:aws:kms:${AT}:key/5e6f`,
          KeyManager: 'AWS',
          KeyState: 'Enabled',
          Description: 'Default master key that protects my SNS topics when no other key is defined',
        } as never,
      });
    },
    resource: alarmArn(FIVE_XX),
    findings: ['actions FAIL'],
    says: 'AWS managed key aws/sns',
  },
  {
    answer: 'an alarm paging a confirmed topic encrypted with a customer managed key',
    check: 'alarms',
    arrange: () => {
      alarms(metricAlarm(FIVE_XX, { AlarmActions: [TOPIC] }));
      mocks.sns
        .on(GetTopicAttributesCommand, { TopicArn: TOPIC })
        .resolves({ Attributes: { TopicArn: TOPIC, KmsMasterKeyId: `arn:aws:kms:${AT}:key/1` } });
    },
    resource: alarmArn(FIVE_XX),
    findings: ['alarm PASS'],
  },
  {
    answer: 'an EventBridge connection secret (owned by events), rotation off, changed last week',
    check: 'secrets-rotation',
    arrange: () =>
      secrets(
        secret('events!connection/partner-api/1a2b', {
          OwningService: 'events',
          LastChangedDate: days(-7),
        }),
      ),
    resource: secretArn('events!connection/partner-api/1a2b'),
    findings: ['rotation-enabled SKIPPED', 'rotation-age PASS', 'last-rotation PASS'],
    says: 'owned by events',
  },
  {
    answer: 'an EventBridge connection secret (owned by events), rotation off, unchanged for 300 days',
    check: 'secrets-rotation',
    arrange: () => secrets(secret('events!connection/partner-api/1a2b', { OwningService: 'events' })),
    resource: secretArn('events!connection/partner-api/1a2b'),
    findings: ['rotation-enabled SKIPPED', 'rotation-age FAIL', 'last-rotation PASS'],
    says: 'through events',
  },
  {
    answer: 'an RDS-managed master user secret (owned by rds), rotation on and overdue',
    check: 'secrets-rotation',
    arrange: () =>
      secrets(
        secret('rds!db-1a2b3c', {
          OwningService: 'rds',
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 7 },
          LastRotatedDate: days(-30),
          NextRotationDate: days(-23),
        }),
      ),
    resource: secretArn('rds!db-1a2b3c'),
    findings: ['rotation-enabled PASS', 'rotation-age FAIL', 'last-rotation PASS', 'next-rotation FAIL'],
  },
  {
    answer: 'an RDS-managed master user secret on the AWS managed key (its key is changed through RDS)',
    check: 'secrets-encryption',
    arrange: () => secrets(secret('rds!db-1a2b3c', { OwningService: 'rds', KmsKeyId: undefined })),
    resource: secretArn('rds!db-1a2b3c'),
    findings: ['kms-key FAIL'],
    says: '--master-user-secret-kms-key-id',
  },
  {
    answer: 'a secret whose customer managed key is enabled',
    check: 'secrets-encryption',
    arrange: () => secretOnKey({}),
    resource: secretArn('prod/db'),
    findings: ['kms-key PASS', 'key-state PASS'],
  },
  {
    answer: 'a secret named by the ARN of the AWS managed key aws/secretsmanager (KeyManager AWS)',
    check: 'secrets-encryption',
    arrange: () =>
      secretOnKey({
        KeyManager: 'AWS',
        Description: 'Default key that protects my Secrets Manager data when no other key is defined',
      }),
    resource: secretArn('prod/db'),
    findings: ['kms-key FAIL', 'key-state PASS'],
    says: 'AWS managed key',
  },
  {
    answer:
      "CDK's log retention singleton (logical id LogRetentionaae0aa3c..., name truncated by CloudFormation)",
    check: 'tracing',
    arrange: () => untracedFunction('orders-prod-LogRetentionaae0aa3c5b4d4f87b02d85b201-Xa1b2C3d4E5f'),
    resource: functionArn('orders-prod-LogRetentionaae0aa3c5b4d4f87b02d85b201-Xa1b2C3d4E5f'),
    findings: ['function-tracing SKIPPED'],
    says: 'log retention',
  },
  {
    answer: "CDK's BucketDeployment singleton under a long stack name",
    check: 'tracing',
    arrange: () => untracedFunction('payments-platform-edge-prod-CustomCDKBucketDeploym-1AbCdEf2GhIj'),
    resource: functionArn('payments-platform-edge-prod-CustomCDKBucketDeploym-1AbCdEf2GhIj'),
    findings: ['function-tracing SKIPPED'],
    says: 'BucketDeployment',
  },
  {
    answer: "CDK's AwsCustomResource singleton",
    check: 'tracing',
    arrange: () => untracedFunction('orders-prod-AWS679f53fac002430cb0da5b7982bd2287-kZ3mQ9rT1uVw'),
    resource: functionArn('orders-prod-AWS679f53fac002430cb0da5b7982bd2287-kZ3mQ9rT1uVw'),
    findings: ['function-tracing SKIPPED'],
  },
  {
    answer: "a core custom resource provider's handler (S3 auto-delete objects)",
    check: 'tracing',
    arrange: () =>
      untracedFunction('orders-prod-CustomS3AutoDeleteObjectsCustomResourcePr-9pLk2JhG4fDs', {
        Runtime: 'nodejs22.x',
        Handler: '__entrypoint__.handler',
        Description: 'Lambda function for auto-deleting objects in orders-assets S3 bucket.',
      }),
    resource: functionArn('orders-prod-CustomS3AutoDeleteObjectsCustomResourcePr-9pLk2JhG4fDs'),
    findings: ['function-tracing SKIPPED'],
  },
  {
    answer: "the custom resource Provider framework's onEvent function (CDK's description)",
    check: 'tracing',
    arrange: () =>
      untracedFunction('orders-prod-SeedProviderframeworkonEvent1A2B-pQ8rS7tU6vWx', {
        Handler: 'framework.onEvent',
        Description: 'AWS CDK resource provider framework - onEvent (orders-prod/SeedProvider)',
      }),
    resource: functionArn('orders-prod-SeedProviderframeworkonEvent1A2B-pQ8rS7tU6vWx'),
    findings: ['function-tracing SKIPPED'],
  },
  {
    answer: "the team's own function whose name merely starts like CDK's (LogRetentionHandler)",
    check: 'tracing',
    arrange: () => untracedFunction('orders-prod-LogRetentionHandler-AbCdEf123456'),
    resource: functionArn('orders-prod-LogRetentionHandler-AbCdEf123456'),
    findings: ['function-tracing FAIL'],
  },
  {
    answer:
      "the team's own function that says it is a CDK provider in a description it wrote, named its own way",
    check: 'tracing',
    arrange: () =>
      untracedFunction('orders-api', {
        Handler: 'index.handler',
        Description: 'AWS CDK resource provider framework - onEvent (copied)',
      }),
    resource: functionArn('orders-api'),
    findings: ['function-tracing FAIL'],
  },
  {
    answer: 'a secret whose key is disabled (the secret cannot be read)',
    check: 'secrets-encryption',
    arrange: () => secretOnKey({ KeyState: 'Disabled', Enabled: false }),
    resource: secretArn('prod/db'),
    findings: ['kms-key PASS', 'key-state FAIL'],
    says: `aws kms enable-key --key-id ${KEY}`,
  },
  {
    answer: 'a secret whose key is pending deletion',
    check: 'secrets-encryption',
    arrange: () =>
      secretOnKey({
        KeyState: 'PendingDeletion',
        Enabled: false,
        DeletionDate: new Date('2027-01-04T10:00:00Z'),
      }),
    resource: secretArn('prod/db'),
    findings: ['kms-key PASS', 'key-state FAIL'],
    says: '2027-01-04',
  },
  {
    answer: 'a secret whose multi-Region replica key is pending deletion',
    check: 'secrets-encryption',
    arrange: () =>
      secretOnKey({
        KeyState: 'PendingReplicaDeletion',
        Enabled: false,
        DeletionDate: new Date('2027-01-04T10:00:00Z'),
      }),
    resource: secretArn('prod/db'),
    findings: ['kms-key PASS', 'key-state FAIL'],
    says: 'aws kms cancel-key-deletion',
  },
  {
    answer: 'a secret whose key is in a disconnected external key store (Unavailable)',
    check: 'secrets-encryption',
    arrange: () => secretOnKey({ KeyState: 'Unavailable', Origin: 'EXTERNAL_KEY_STORE' }),
    resource: secretArn('prod/db'),
    findings: ['kms-key PASS', 'key-state ERROR'],
    says: 'custom key store',
  },
  {
    answer: "a secret whose key's DescribeKey is denied (its key policy does not name the auditor)",
    check: 'secrets-encryption',
    arrange: () => {
      secrets(secret('prod/db', {}));
      mocks.kms.on(DescribeKeyCommand).rejects(
        Object.assign(new Error('User is not authorized to perform: kms:DescribeKey'), {
          name: 'AccessDeniedException',
          $metadata: { httpStatusCode: 400 },
        }),
      );
    },
    resource: secretArn('prod/db'),
    findings: ['kms-key PASS', 'key-state ERROR'],
    says: 'kms:DescribeKey',
  },
  {
    answer: 'a replica secret (primary in eu-west-1), rotation off here',
    check: 'secrets-rotation',
    arrange: () => secrets(secret('prod/db', { PrimaryRegion: 'eu-west-1' })),
    resource: secretArn('prod/db'),
    findings: ['replica SKIPPED'],
    says: 'eu-west-1',
  },
  {
    answer: 'a primary secret that lists its own region as PrimaryRegion, rotation off',
    check: 'secrets-rotation',
    arrange: () => secrets(secret('prod/db', { PrimaryRegion: 'us-east-1' })),
    resource: secretArn('prod/db'),
    findings: ['rotation-enabled FAIL', 'rotation-age FAIL', 'last-rotation PASS'],
  },
  {
    answer: 'an Amazon-issued certificate nothing uses, never exported, expiring in 5 days',
    check: 'acm-certificates',
    arrange: () => certificate('unused', {}),
    resource: certificateArn('unused'),
    findings: ['status PASS', 'expiry WARN', 'key-size PASS'],
    says: 'not in use and never exported',
  },
  {
    answer: 'the same certificate once expired (status EXPIRED, still unused)',
    check: 'acm-certificates',
    arrange: () => certificate('unused', { Status: 'EXPIRED', NotAfter: days(-5) }),
    resource: certificateArn('unused'),
    findings: ['status WARN', 'key-size PASS'],
  },
  {
    answer: 'an Amazon-issued certificate in use, expiring in 5 days',
    check: 'acm-certificates',
    arrange: () =>
      certificate(
        'used',
        { InUse: true, RenewalEligibility: 'ELIGIBLE' },
        { RenewalStatus: 'PENDING_VALIDATION', UpdatedAt: days(-20) },
      ),
    resource: certificateArn('used'),
    findings: ['status PASS', 'expiry FAIL', 'key-size PASS', 'renewal WARN'],
  },
  {
    answer: 'an exportable Amazon-issued certificate that was exported, unused by AWS, expiring in 5 days',
    check: 'acm-certificates',
    arrange: () => certificate('exported', { Exported: true, ExportOption: 'ENABLED' }),
    resource: certificateArn('exported'),
    findings: ['status PASS', 'expiry FAIL', 'key-size PASS'],
  },
  {
    answer: 'an imported certificate unused by AWS, expiring in 5 days (it may serve elsewhere)',
    check: 'acm-certificates',
    arrange: () => certificate('imported', { Type: 'IMPORTED' }),
    resource: certificateArn('imported'),
    findings: ['status PASS', 'expiry FAIL', 'key-size PASS'],
  },
  {
    answer: 'an unused certificate whose export state ACM leaves out',
    check: 'acm-certificates',
    arrange: () => certificate('unsaid', { Exported: undefined }),
    resource: certificateArn('unsaid'),
    findings: ['status PASS', 'expiry FAIL', 'key-size PASS'],
  },
  {
    answer: 'a key metric ELB publishes only when non-zero, with no datapoint in 3 hours (no errors)',
    check: 'metrics-collection',
    config: keyMetricsConfig,
    arrange: () => mocks.cloudwatch.on(ListMetricsCommand).resolves({ Metrics: [] }),
    resource: 'AWS/ApplicationELB/HTTPCode_Target_5XX_Count',
    findings: ['datapoints WARN'],
    says: 'only when it is non-zero',
  },
  {
    answer: 'a key metric published always, with no datapoint in 3 hours',
    check: 'metrics-collection',
    config: keyMetricsConfig,
    arrange: () => mocks.cloudwatch.on(ListMetricsCommand).resolves({ Metrics: [] }),
    resource: 'AWS/ApplicationELB/HealthyHostCount',
    findings: ['datapoints FAIL'],
  },
];

beforeEach(() => {
  account.install();
  account.pipelineCaller(ACCOUNT);
});

describe('preflight audit: answers a real account gives', () => {
  it('describes each KMS key once, however many secrets it encrypts', async () => {
    secrets(
      secret('prod/a', {}),
      secret('prod/b', {}),
      secret('prod/c', { KmsKeyId: `arn:aws:kms:${AT}:key/2` }),
    );

    const { report } = await auditChecksInProcess(configFile, 'secrets-encryption');

    expect(report.findings.filter((f) => f.rule === 'key-state').map((f) => f.status)).toEqual([
      'PASS',
      'PASS',
      'PASS',
    ]);
    expect(mocks.kms.commandCalls(DescribeKeyCommand).map((call) => call.args[0].input.KeyId)).toEqual([
      KEY,
      `arn:aws:kms:${AT}:key/2`,
    ]);
  });

  it.each(CASES)('$answer: $check gives $findings', async (c) => {
    c.arrange();
    const { report } = await auditChecksInProcess(c.config ?? configFile, c.check);

    const own = report.findings.filter((f) => f.resource === c.resource);
    expect(own.map((f) => `${f.rule} ${f.status}`)).toEqual(c.findings);
    const words = own.map((f) => `${f.message} ${f.remediation ?? ''}`).join('\n');
    if (c.says !== undefined) expect(words).toContain(c.says);
    const worst: FindingStatus[] = ['ERROR', 'FAIL'];
    for (const status of worst) {
      if (c.findings.some((f) => f.endsWith(status))) {
        expect(report.verdict).toBe(status);
        break;
      }
    }
  });
});
