import {
  type DBCluster,
  type DBInstance,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { DatabaseResource, NativeBackupState } from '../../core/checks/backups/ports';
import { AwsCallError } from '../../core/errors';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { optionalDate } from '../required';

const DESCRIBE_INSTANCES = 'rds:DescribeDBInstances';
const DESCRIBE_CLUSTERS = 'rds:DescribeDBClusters';

/** Retention as RDS reports it; an absent value is unknown, not zero, so it cannot pass or fail by accident. */
function retention(action: string, days: number | undefined, latest: Date | undefined): NativeBackupState {
  if (days === undefined) {
    return {
      kind: 'unreadable',
      error: new AwsCallError(action, 'malformed-response', 'MissingField', 'BackupRetentionPeriod absent'),
    };
  }
  return {
    kind: 'retention',
    retentionDays: days,
    ...(latest === undefined ? {} : { latestRestorableTime: latest }),
  };
}

function toInstance(db: DBInstance): DatabaseResource {
  const name = db.DBInstanceIdentifier ?? 'unknown-instance';
  return {
    kind: 'rds-instance',
    arn: db.DBInstanceArn ?? name,
    name,
    engine: db.Engine ?? 'unknown',
    ...(db.DBClusterIdentifier === undefined ? {} : { clusterId: db.DBClusterIdentifier }),
    ...(db.ReadReplicaSourceDBInstanceIdentifier === undefined
      ? {}
      : { replicaSourceId: db.ReadReplicaSourceDBInstanceIdentifier }),
    ...(db.DBInstanceStatus === undefined ? {} : { status: db.DBInstanceStatus }),
    native: retention(
      DESCRIBE_INSTANCES,
      db.BackupRetentionPeriod,
      optionalDate(DESCRIBE_INSTANCES, 'DBInstances[].LatestRestorableTime', db.LatestRestorableTime),
    ),
  };
}

function toCluster(cluster: DBCluster): DatabaseResource {
  const name = cluster.DBClusterIdentifier ?? 'unknown-cluster';
  return {
    kind: 'rds-cluster',
    arn: cluster.DBClusterArn ?? name,
    name,
    engine: cluster.Engine ?? 'unknown',
    ...(cluster.Status === undefined ? {} : { status: cluster.Status }),
    native: retention(
      DESCRIBE_CLUSTERS,
      cluster.BackupRetentionPeriod,
      optionalDate(DESCRIBE_CLUSTERS, 'DBClusters[].LatestRestorableTime', cluster.LatestRestorableTime),
    ),
  };
}

/** Every DB instance of the region (one paginated DescribeDBInstances), members and replicas included. */
export async function listRdsInstances(client: RDSClient): Promise<DatabaseResource[]> {
  const instances = await collectPages(
    DESCRIBE_INSTANCES,
    paginateDescribeDBInstances({ client }, {}),
    (page) => page.DBInstances,
  );
  return readEach(
    DESCRIBE_INSTANCES,
    instances,
    (db) => ({ arn: db.DBInstanceArn, names: [db.DBInstanceIdentifier] }),
    toInstance,
  );
}

/** Every DB cluster of the region (one paginated DescribeDBClusters). */
export async function listRdsClusters(client: RDSClient): Promise<DatabaseResource[]> {
  const clusters = await collectPages(
    DESCRIBE_CLUSTERS,
    paginateDescribeDBClusters({ client }, {}),
    (page) => page.DBClusters,
  );
  return readEach(
    DESCRIBE_CLUSTERS,
    clusters,
    (cluster) => ({ arn: cluster.DBClusterArn, names: [cluster.DBClusterIdentifier] }),
    toCluster,
  );
}
