import { paginateDescribeDBInstances, type RDSClient } from '@aws-sdk/client-rds';
import type { DbInstance } from '../../core/checks/storage/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_DB_INSTANCES = 'rds:DescribeDBInstances';

/** DescribeDBInstances' largest page. */
export const DB_INSTANCES_PAGE_SIZE = 100;

/** Every DB instance of the region, 100 to a page, with its allocated storage and autoscaling ceiling. */
export async function listDbInstances(client: RDSClient): Promise<DbInstance[]> {
  const instances = await collectPages(
    DESCRIBE_DB_INSTANCES,
    paginateDescribeDBInstances({ client, pageSize: DB_INSTANCES_PAGE_SIZE }, {}),
    (page) => page.DBInstances,
  );
  return readEach(
    DESCRIBE_DB_INSTANCES,
    instances,
    (db) => ({ arn: db.DBInstanceArn, names: [db.DBInstanceIdentifier] }),
    (db) => ({
      identifier: required(
        DESCRIBE_DB_INSTANCES,
        'DBInstances[].DBInstanceIdentifier',
        db.DBInstanceIdentifier,
      ),
      arn: required(DESCRIBE_DB_INSTANCES, 'DBInstances[].DBInstanceArn', db.DBInstanceArn),
      engine: required(DESCRIBE_DB_INSTANCES, 'DBInstances[].Engine', db.Engine),
      ...(db.AllocatedStorage === undefined ? {} : { allocatedGiB: db.AllocatedStorage }),
      ...(db.MaxAllocatedStorage === undefined ? {} : { maxAllocatedGiB: db.MaxAllocatedStorage }),
      ...(db.DBClusterIdentifier === undefined ? {} : { cluster: db.DBClusterIdentifier }),
    }),
  );
}
