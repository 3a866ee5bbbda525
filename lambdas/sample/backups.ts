import type {
  BackupJob,
  BackupsPorts,
  DatabaseResource,
  ProtectedResource,
  RestoreJob,
} from '../core/checks/backups/ports';
import { AwsCallError } from '../core/errors';

const REGION = 'eu-west-1';
const ACCOUNT = '111122223333';
const rdsArn = (type: 'db' | 'cluster', name: string) => `arn:aws:rds:${REGION}:${ACCOUNT}:${type}:${name}`;
const tableArn = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
const RESTORE_PLAN = `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:weekly_database_restore_test`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/*
 * The story the sample tells, per database (rules: protection, freshness, backup-jobs, restore-test):
 * - orders-db (RDS PostgreSQL): healthy; daily AWS Backup, restore-tested and validated 5 days ago.
 *   Its read replica orders-db-replica-1 is skipped (judged at the source).
 * - payments-aurora (Aurora PostgreSQL): retention 1 day and not in AWS Backup: protection FAIL;
 *   fresh (continuous backups); never restore-tested: WARN. Its instances are judged at the cluster.
 * - ledger-db (RDS MySQL): the AWS Backup job 3 h ago FAILED (storage full): backup-jobs FAIL;
 *   native backups keep it fresh.
 * - sessions (DynamoDB): PITR off but in AWS Backup (protection PASS); last backup 40 h ago:
 *   freshness FAIL; restored by hand 12 days ago without validation: PASS, evidence says so.
 * - customers (DynamoDB): PITR on, never restore-tested: WARN.
 * - audit-events (DynamoDB): an SCP denies DescribeContinuousBackups on it: ERROR, never a pass.
 */
function databases(now: number): {
  instances: DatabaseResource[];
  clusters: DatabaseResource[];
  tables: DatabaseResource[];
} {
  const restorable = (agoMs: number) => new Date(now - agoMs);
  const instance = (
    name: string,
    engine: string,
    retentionDays: number,
    extra: Partial<DatabaseResource> = {},
  ) => ({
    kind: 'rds-instance' as const,
    arn: rdsArn('db', name),
    name,
    engine,
    native: { kind: 'retention' as const, retentionDays, latestRestorableTime: restorable(5 * MINUTE) },
    ...extra,
  });
  const table = (name: string, native: DatabaseResource['native']): DatabaseResource => ({
    kind: 'dynamodb-table',
    arn: tableArn(name),
    name,
    engine: 'dynamodb',
    native,
  });
  return {
    instances: [
      instance('orders-db', 'postgres', 14),
      instance('orders-db-replica-1', 'postgres', 0, { replicaSourceId: 'orders-db' }),
      instance('payments-aurora-instance-1', 'aurora-postgresql', 1, { clusterId: 'payments-aurora' }),
      instance('payments-aurora-instance-2', 'aurora-postgresql', 1, { clusterId: 'payments-aurora' }),
      instance('ledger-db', 'mysql', 7),
    ],
    clusters: [
      {
        kind: 'rds-cluster',
        arn: rdsArn('cluster', 'payments-aurora'),
        name: 'payments-aurora',
        engine: 'aurora-postgresql',
        native: { kind: 'retention', retentionDays: 1, latestRestorableTime: restorable(4 * MINUTE) },
      },
    ],
    tables: [
      table('sessions', { kind: 'pitr', enabled: false }),
      table('customers', {
        kind: 'pitr',
        enabled: true,
        recoveryPeriodDays: 35,
        latestRestorableTime: restorable(2 * MINUTE),
      }),
      table('audit-events', {
        kind: 'unreadable',
        error: new AwsCallError(
          'dynamodb:DescribeContinuousBackups',
          'access-denied',
          'AccessDeniedException',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/preflight-audit/preflight is not authorized to perform: dynamodb:DescribeContinuousBackups on resource: ${tableArn('audit-events')} with an explicit deny in a service control policy`,
        ),
      }),
    ],
  };
}

function protectedResources(now: number): ProtectedResource[] {
  return [
    { resourceArn: rdsArn('db', 'orders-db'), resourceType: 'RDS', lastBackupTime: new Date(now - 6 * HOUR) },
    {
      resourceArn: rdsArn('db', 'ledger-db'),
      resourceType: 'RDS',
      lastBackupTime: new Date(now - 27 * HOUR),
    },
    {
      resourceArn: tableArn('sessions'),
      resourceType: 'DynamoDB',
      lastBackupTime: new Date(now - 40 * HOUR),
    },
  ];
}

function backupJobs(now: number): BackupJob[] {
  return [
    {
      jobId: '3f6c1e2a-8d4b-4c1e-9a7f-0b5d2e8c4a11',
      resourceArn: rdsArn('db', 'orders-db'),
      state: 'COMPLETED',
      createdAt: new Date(now - 6 * HOUR - 20 * MINUTE),
      completedAt: new Date(now - 6 * HOUR),
    },
    {
      jobId: '9b2e7d40-1c3a-4f5e-8b6d-7a9c0e1f2d33',
      resourceArn: rdsArn('db', 'ledger-db'),
      state: 'FAILED',
      statusMessage:
        'The DB instance ledger-db is in state storage-full; AWS Backup cannot create a snapshot.',
      createdAt: new Date(now - 3 * HOUR),
      completedAt: new Date(now - 3 * HOUR + 2 * MINUTE),
    },
    {
      jobId: 'c71a0f58-2e9d-4b3c-a1f6-5d8e9b0c7e22',
      resourceArn: tableArn('sessions'),
      state: 'COMPLETED',
      createdAt: new Date(now - 40 * HOUR - 10 * MINUTE),
      completedAt: new Date(now - 40 * HOUR),
    },
  ];
}

function restoreJobs(now: number): RestoreJob[] {
  return [
    {
      jobId: 'e4b8a2c6-5f1d-4e7a-9c3b-2d6f8a0b1c44',
      sourceResourceArn: rdsArn('db', 'orders-db'),
      status: 'COMPLETED',
      createdAt: new Date(now - 5 * DAY - 50 * MINUTE),
      completedAt: new Date(now - 5 * DAY),
      validationStatus: 'SUCCESSFUL',
      validationMessage: 'Row counts of orders and order_items match the recovery point.',
      restoreTestingPlanArn: RESTORE_PLAN,
    },
    {
      jobId: 'a0d3f7b1-6c2e-4a8d-b5f9-3e7c1a2b4d55',
      sourceResourceArn: rdsArn('db', 'ledger-db'),
      status: 'COMPLETED',
      createdAt: new Date(now - 9 * DAY - HOUR),
      completedAt: new Date(now - 9 * DAY),
      validationStatus: 'SUCCESSFUL',
      restoreTestingPlanArn: RESTORE_PLAN,
    },
    {
      jobId: '5c9e1b3d-7a4f-4d2c-8e6b-0f1a3c5d7e66',
      sourceResourceArn: tableArn('sessions'),
      status: 'COMPLETED',
      createdAt: new Date(now - 12 * DAY - 30 * MINUTE),
      completedAt: new Date(now - 12 * DAY),
    },
  ];
}

/** Keeps what the API would return for "created after `since`". */
const createdAfter = <T extends { createdAt?: Date }>(items: T[], since: Date) =>
  items.filter((item) => item.createdAt !== undefined && item.createdAt >= since);

/** The sample account's databases and AWS Backup history, dated relative to `now`. */
export function sampleBackupsPorts(now: Date): BackupsPorts {
  const at = now.getTime();
  const { instances, clusters, tables } = databases(at);
  return {
    listRdsInstances: async () => instances,
    listRdsClusters: async () => clusters,
    listDynamoDbTables: async (include = () => true) => tables.filter(include),
    listProtectedResources: async () => protectedResources(at),
    listBackupJobs: async (since) => createdAfter(backupJobs(at), since),
    listRestoreJobs: async (since) => createdAfter(restoreJobs(at), since),
  };
}
