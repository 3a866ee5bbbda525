import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  BackupClient,
  ListBackupJobsCommand,
  ListProtectedResourcesCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditOutcome } from '../../lambdas/handlers/audit/contract';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';

describe('audit state machine', () => {
  let machine: ExtractedStateMachine;

  beforeAll(() => {
    const { template } = synthPreflight({ notifications: { emails: ['oncall@example.com'] } });
    machine = extractStateMachine(template, 'AuditStateMachine');
  });

  describe('invalid input', () => {
    it('fails fast naming the field, before any check runs', async () => {
      const run = await runLocally(machine, { service: 'orders', checks: ['no-such-check'] });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(/checks: unknown no-such-check/);
      expect(run.statesEntered).not.toContain('Run check');
      expect(run.published).toEqual([]);
    });

    it('rejects fields it does not know', async () => {
      const run = await runLocally(machine, { servce: 'orders' });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(/servce/);
    });
  });

  describe('a check task that keeps failing', () => {
    it('becomes an ERROR finding for that check and the verdict is ERROR, not PASS', async () => {
      const run = await runLocally(
        machine,
        { service: 'orders', environment: 'prod', checks: ['alarms'] },
        {
          tasks: {
            'Run check': async () => {
              throw Object.assign(new Error('Task timed out after 300 seconds'), { name: 'States.Timeout' });
            },
          },
        },
      );

      const output = run.output as unknown as Pick<AuditOutcome, 'verdict' | 'blockingItems' | 'report'>;
      expect(output.verdict).toBe('ERROR');
      expect(output.blockingItems).toEqual(['infrastructure.monitoring-alerting', 'realtime.alert-rules']);
      const finding = output.report.findings.find((f) => f.checkId === 'alarms');
      expect(finding).toMatchObject({ status: 'ERROR', rule: 'run' });
      expect(finding?.message).toMatch(/States\.Timeout/);
      expect(run.published).toHaveLength(1);
      expect(run.published[0]?.subject).toBe('Preflight ERROR: orders prod (2 blocking)');
    });
  });
});

describe('audit state machine, end to end with the real handlers', () => {
  const NOW = new Date('2026-11-27T06:00:00Z');
  const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
  const TOPIC = 'arn:aws:sns:us-east-1:123456789012:oncall';
  const mocks = {
    rds: mockClient(RDSClient),
    dynamodb: mockClient(DynamoDBClient),
    backup: mockClient(BackupClient),
    sts: mockClient(STSClient),
    acm: mockClient(ACMClient),
    secrets: mockClient(SecretsManagerClient),
    ssm: mockClient(SSMClient),
    iam: mockClient(IAMClient),
    cloudwatch: mockClient(CloudWatchClient),
    sns: mockClient(SNSClient),
  };
  let machine: ExtractedStateMachine;

  beforeAll(() => {
    machine = extractStateMachine(synthPreflight({}).template, 'AuditStateMachine');
  });

  beforeEach(() => {
    for (const mock of Object.values(mocks)) mock.reset();
    mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    mocks.rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: [] });
    mocks.backup.on(ListProtectedResourcesCommand).resolves({ Results: [] });
    mocks.backup.on(ListBackupJobsCommand).resolves({ BackupJobs: [] });
    mocks.backup.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    mocks.acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/expiring',
          DomainName: 'shop.example.com',
          Type: 'IMPORTED',
          Status: 'ISSUED',
          InUse: true,
          KeyAlgorithm: 'RSA_2048',
          NotAfter: days(3),
        },
      ],
    });
    mocks.secrets.on(ListSecretsCommand).resolves({
      SecretList: [
        {
          ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
          Name: 'prod/db',
          KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1111',
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          CreatedDate: days(-300),
          LastRotatedDate: days(-10),
          LastChangedDate: days(-10),
          NextRotationDate: days(20),
          SecretVersionsToStages: { v1: ['AWSCURRENT'] },
        },
      ],
    });
    mocks.ssm.on(DescribeParametersCommand).resolves({ Parameters: [] });
    mocks.iam
      .on(ListUsersCommand)
      .rejects(Object.assign(new Error('not authorized to perform iam:ListUsers'), { name: 'AccessDenied' }));
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'orders-5xx',
          AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx',
          ActionsEnabled: true,
          AlarmActions: [TOPIC],
          StateValue: 'OK',
          StateUpdatedTimestamp: days(-1),
          StateTransitionedTimestamp: days(-1),
          TreatMissingData: 'breaching',
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
        },
      ],
      CompositeAlarms: [],
    });
    mocks.sns.on(ListSubscriptionsByTopicCommand).resolves({
      Subscriptions: [
        {
          TopicArn: TOPIC,
          Protocol: 'email',
          SubscriptionArn: `${TOPIC}:5f1c`,
          Endpoint: 'oncall@example.com',
        },
      ],
    });
  });

  it('runs every check through its Lambda handler, reports each, and notifies the verdict', async () => {
    const run = await runLocally(machine, { service: 'orders', environment: 'prod' }, { startTime: NOW });

    expect(run.error).toBeUndefined();
    const output = run.output as unknown as Pick<
      AuditOutcome,
      'verdict' | 'counts' | 'blockingItems' | 'report'
    >;
    expect(output.verdict).toBe('FAIL');
    expect(output.report.checks.map((c) => c.checkId).sort()).toEqual([
      'acm-certificates',
      'alarms',
      'database-backups',
      'iam-access-keys',
      'secrets-encryption',
      'secrets-rotation',
      'ssm-secure-parameters',
      'tls-endpoints',
    ]);
    const status = (checkId: string) => output.report.checks.find((c) => c.checkId === checkId)?.status;
    expect(status('acm-certificates')).toBe('FAIL');
    expect(status('iam-access-keys')).toBe('ERROR');
    expect(status('secrets-rotation')).toBe('PASS');
    expect(status('alarms')).toBe('PASS');
    expect(status('database-backups')).toBe('SKIPPED');
    expect(output.blockingItems).toEqual(['security.ssl-certificates', 'security.api-keys-rotated']);
    expect(output.report.findings.find((f) => f.checkId === 'iam-access-keys')?.message).toMatch(
      /iam:ListUsers was denied/,
    );

    expect(run.published).toHaveLength(1);
    expect(run.published[0]?.subject).toBe('Preflight FAIL: orders prod (2 blocking)');
    expect(run.published[0]?.message).toContain('[FAIL] security.ssl-certificates');
    expect(run.published[0]?.topicArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:AlertsTopic/);
    expect(mocks.secrets).toHaveReceivedCommandTimes(ListSecretsCommand, 2);
    expect(run.statesEntered.filter((s) => s === 'Run check')).toHaveLength(8);
  });

  it('still reports and notifies when the notification cannot be sent', async () => {
    const run = await runLocally(
      machine,
      { checks: ['secrets-rotation'] },
      {
        startTime: NOW,
        tasks: {
          Notify: async () => {
            throw Object.assign(new Error('KMS key disabled'), { name: 'SNS.KMSDisabledException' });
          },
        },
      },
    );

    expect(run.error).toBeUndefined();
    expect((run.output as { verdict: string }).verdict).toBe('PASS');
  });
});
