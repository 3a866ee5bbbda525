import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listRdsClusters, listRdsInstances } from '../../../lambdas/aws/backups/rds';
import { AwsCallError } from '../../../lambdas/core/errors';
import { accessDenied } from './errors';

const rdsMock = mockClient(RDSClient);

afterAll(() => {
  rdsMock.restore();
});
const client = new RDSClient({ region: 'eu-west-1' });
const RESTORABLE = new Date('2026-03-10T11:55:00Z');
const arn = (type: string, name: string) => `arn:aws:rds:eu-west-1:111122223333:${type}:${name}`;

describe('RDS adapter', () => {
  beforeEach(() => {
    rdsMock.reset();
  });

  describe('listRdsInstances', () => {
    it('reads every page of DescribeDBInstances and maps retention, membership and replicas', async () => {
      rdsMock
        .on(DescribeDBInstancesCommand)
        .resolvesOnce({
          DBInstances: [
            {
              DBInstanceIdentifier: 'orders-db',
              DBInstanceArn: arn('db', 'orders-db'),
              Engine: 'postgres',
              BackupRetentionPeriod: 14,
              LatestRestorableTime: RESTORABLE,
            },
          ],
          Marker: 'page-2',
        })
        .resolvesOnce({
          DBInstances: [
            {
              DBInstanceIdentifier: 'payments-aurora-instance-1',
              DBInstanceArn: arn('db', 'payments-aurora-instance-1'),
              Engine: 'aurora-postgresql',
              BackupRetentionPeriod: 1,
              DBClusterIdentifier: 'payments-aurora',
            },
            {
              DBInstanceIdentifier: 'orders-db-replica-1',
              DBInstanceArn: arn('db', 'orders-db-replica-1'),
              Engine: 'postgres',
              BackupRetentionPeriod: 0,
              ReadReplicaSourceDBInstanceIdentifier: 'orders-db',
            },
          ],
        });

      const databases = await listRdsInstances(client);

      expect(rdsMock).toHaveReceivedCommandTimes(DescribeDBInstancesCommand, 2);
      expect(rdsMock).toHaveReceivedNthCommandWith(DescribeDBInstancesCommand, 2, { Marker: 'page-2' });
      expect(databases).toEqual([
        {
          kind: 'rds-instance',
          arn: arn('db', 'orders-db'),
          name: 'orders-db',
          engine: 'postgres',
          native: { kind: 'retention', retentionDays: 14, latestRestorableTime: RESTORABLE },
        },
        {
          kind: 'rds-instance',
          arn: arn('db', 'payments-aurora-instance-1'),
          name: 'payments-aurora-instance-1',
          engine: 'aurora-postgresql',
          clusterId: 'payments-aurora',
          native: { kind: 'retention', retentionDays: 1 },
        },
        {
          kind: 'rds-instance',
          arn: arn('db', 'orders-db-replica-1'),
          name: 'orders-db-replica-1',
          engine: 'postgres',
          replicaSourceId: 'orders-db',
          native: { kind: 'retention', retentionDays: 0 },
        },
      ]);
    });

    it('marks an instance without a retention period as unreadable instead of guessing', async () => {
      rdsMock.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          { DBInstanceIdentifier: 'odd-db', DBInstanceArn: arn('db', 'odd-db'), Engine: 'mysql' },
        ],
      });

      const [database] = await listRdsInstances(client);

      expect(database?.native.kind).toBe('unreadable');
      const error = database?.native.kind === 'unreadable' ? database.native.error : undefined;
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ kind: 'malformed-response', action: 'rds:DescribeDBInstances' });
    });

    it('turns AccessDenied into an AwsCallError naming rds:DescribeDBInstances', async () => {
      rdsMock.on(DescribeDBInstancesCommand).rejects(accessDenied('AccessDenied'));

      const error = await listRdsInstances(client).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({
        action: 'rds:DescribeDBInstances',
        kind: 'access-denied',
        code: 'AccessDenied',
      });
    });
  });

  describe('listRdsClusters', () => {
    it('reads every page of DescribeDBClusters', async () => {
      rdsMock
        .on(DescribeDBClustersCommand)
        .resolvesOnce({
          DBClusters: [
            {
              DBClusterIdentifier: 'payments-aurora',
              DBClusterArn: arn('cluster', 'payments-aurora'),
              Engine: 'aurora-postgresql',
              BackupRetentionPeriod: 1,
              LatestRestorableTime: RESTORABLE,
            },
          ],
          Marker: 'page-2',
        })
        .resolvesOnce({
          DBClusters: [
            {
              DBClusterIdentifier: 'reports-aurora',
              DBClusterArn: arn('cluster', 'reports-aurora'),
              Engine: 'aurora-mysql',
              BackupRetentionPeriod: 7,
            },
          ],
        });

      const clusters = await listRdsClusters(client);

      expect(rdsMock).toHaveReceivedCommandTimes(DescribeDBClustersCommand, 2);
      expect(rdsMock).toHaveReceivedNthCommandWith(DescribeDBClustersCommand, 2, { Marker: 'page-2' });
      expect(clusters.map((c) => [c.kind, c.name, c.engine, c.native])).toEqual([
        [
          'rds-cluster',
          'payments-aurora',
          'aurora-postgresql',
          { kind: 'retention', retentionDays: 1, latestRestorableTime: RESTORABLE },
        ],
        ['rds-cluster', 'reports-aurora', 'aurora-mysql', { kind: 'retention', retentionDays: 7 }],
      ]);
    });

    it('turns AccessDenied into an AwsCallError naming rds:DescribeDBClusters', async () => {
      rdsMock.on(DescribeDBClustersCommand).rejects(accessDenied('AccessDenied'));

      await expect(listRdsClusters(client)).rejects.toMatchObject({
        name: 'AwsCallError',
        action: 'rds:DescribeDBClusters',
        kind: 'access-denied',
      });
    });
  });
});
