import {
  BackupClient,
  ListBackupJobsCommand,
  ListProtectedResourcesCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsBackupsPorts } from '../../../lambdas/aws/backups';
import { callerIdentity, IncompleteCallerIdentityError } from '../../../lambdas/aws/backups/identity';
import { backupChecks } from '../../../lambdas/core/checks/backups/definitions';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { accessDenied } from './errors';

const rdsMock = mockClient(RDSClient);
const dynamoMock = mockClient(DynamoDBClient);
const backupMock = mockClient(BackupClient);
const stsMock = mockClient(STSClient);

afterAll(() => {
  rdsMock.restore();
  dynamoMock.restore();
  backupMock.restore();
  stsMock.restore();
});

const NOW = new Date('2026-03-10T12:00:00Z');
const ORDERS = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const SESSIONS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/sessions';
const CALLER = {
  Account: '111122223333',
  Arn: 'arn:aws:sts::111122223333:assumed-role/preflight-audit/preflight',
};

describe('backups AWS ports', () => {
  beforeEach(() => {
    rdsMock.reset();
    dynamoMock.reset();
    backupMock.reset();
    stsMock.reset();
  });

  describe('callerIdentity', () => {
    it.each([
      ['aws', CALLER.Arn],
      ['aws-cn', 'arn:aws-cn:sts::111122223333:assumed-role/preflight-audit/preflight'],
    ])('reads the %s partition from the caller ARN', async (partition, Arn) => {
      stsMock.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn });

      await expect(callerIdentity(new STSClient({}))).resolves.toEqual({
        partition,
        accountId: '111122223333',
      });
    });

    it('rejects an answer without account or ARN', async () => {
      stsMock.on(GetCallerIdentityCommand).resolves({ UserId: 'AIDA' });

      await expect(callerIdentity(new STSClient({}))).rejects.toBeInstanceOf(IncompleteCallerIdentityError);
    });
  });

  describe('createAwsBackupsPorts', () => {
    it('names tables in the configured region and asks STS only once', async () => {
      stsMock.on(GetCallerIdentityCommand).resolves(CALLER);
      dynamoMock.on(ListTablesCommand).resolves({ TableNames: ['sessions'] });
      dynamoMock.on(DescribeContinuousBackupsCommand).resolves({
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
        },
      });
      const ports = createAwsBackupsPorts({ region: 'eu-west-1' });

      const [first] = await ports.listDynamoDbTables();
      await ports.listDynamoDbTables();

      expect(first?.arn).toBe(SESSIONS);
      expect(stsMock).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
    });
  });

  describe('through the database-backups check', () => {
    it('reports ERROR for the AWS Backup rules when AWS Backup is denied, and still judges RDS retention', async () => {
      rdsMock.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'orders-db',
            DBInstanceArn: ORDERS,
            Engine: 'postgres',
            BackupRetentionPeriod: 0,
          },
        ],
      });
      rdsMock.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
      dynamoMock.on(ListTablesCommand).resolves({ TableNames: [] });
      backupMock.on(ListProtectedResourcesCommand).rejects(accessDenied());
      backupMock.on(ListBackupJobsCommand).rejects(accessDenied());
      backupMock.on(ListRestoreJobsCommand).rejects(accessDenied());
      const account = {
        backups: createAwsBackupsPorts({ region: 'eu-west-1', maxAttempts: 1 }),
      } as unknown as AccountPorts;
      const settings = ConfigSchema.parse({}).checks['database-backups'];

      const findings = await backupChecks['database-backups'].run(account, settings, NOW);

      expect(findings.map((f) => [f.rule, f.status])).toEqual([
        ['protection', 'ERROR'],
        ['freshness', 'ERROR'],
        ['backup-jobs', 'ERROR'],
        ['restore-test', 'ERROR'],
      ]);
      expect(findings[0]?.message).toMatch(
        /automated backups are disabled \(retention 0 days\), and AWS Backup coverage is unknown/,
      );
      expect(findings[2]?.remediation).toBe('Allow backup:ListBackupJobs for the role Preflight runs as.');
    });
  });
});
