import { BackupClient } from '@aws-sdk/client-backup';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RDSClient } from '@aws-sdk/client-rds';
import { STSClient } from '@aws-sdk/client-sts';
import type { BackupsPorts } from '../../core/checks/backups/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listBackupJobs, listProtectedResources, listRestoreJobs } from './backup';
import { DEFAULT_DESCRIBE_CONCURRENCY, listDynamoDbTables } from './dynamodb';
import { type AccountIdentity, callerIdentity } from './identity';
import { listRdsClusters, listRdsInstances } from './rds';

/** The SDK clients the backups ports use; tests pass mocked ones. */
export interface BackupsClients {
  readonly rds: RDSClient;
  readonly dynamodb: DynamoDBClient;
  readonly backup: BackupClient;
  readonly sts: STSClient;
}

/** The backups ports over the given clients. */
export function awsBackupsPorts(
  clients: BackupsClients,
  describeConcurrency: number = DEFAULT_DESCRIBE_CONCURRENCY,
): BackupsPorts {
  // One identity lookup per ports object, and only if there are tables to name.
  let identity: Promise<AccountIdentity> | undefined;
  const readIdentity = () => {
    identity ??= callerIdentity(clients.sts);
    return identity;
  };
  return {
    listRdsInstances: () => listRdsInstances(clients.rds),
    listRdsClusters: () => listRdsClusters(clients.rds),
    listDynamoDbTables: (include) =>
      listDynamoDbTables(clients.dynamodb, readIdentity, describeConcurrency, include),
    listProtectedResources: () => listProtectedResources(clients.backup),
    listBackupJobs: (since) => listBackupJobs(clients.backup, since),
    listRestoreJobs: (since) => listRestoreJobs(clients.backup, since),
  };
}

/** The backups ports backed by AWS; clients are created once per call of this factory. */
export function createAwsBackupsPorts(options: AwsClientOptions): BackupsPorts {
  const config = clientConfig(options);
  return awsBackupsPorts({
    rds: new RDSClient(config),
    dynamodb: new DynamoDBClient(config),
    backup: new BackupClient(config),
    sts: new STSClient(config),
  });
}
