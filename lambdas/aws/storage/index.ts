import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import type { StoragePorts } from '../../core/checks/storage/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listMetrics, series } from './cloudwatch';
import { listRunningInstances } from './ec2';
import { listDbInstances } from './rds';

/** The SDK clients the disk-space check uses; tests pass their own. */
export interface StorageClients {
  readonly rds: RDSClient;
  readonly ec2: EC2Client;
  readonly cloudwatch: CloudWatchClient;
}

/** The storage ports over the given clients. */
export function storagePortsFromClients(clients: StorageClients): StoragePorts {
  return {
    listDbInstances: () => listDbInstances(clients.rds),
    listRunningInstances: () => listRunningInstances(clients.ec2),
    listMetrics: (namespace, metricName) => listMetrics(clients.cloudwatch, namespace, metricName),
    series: (queries, start, end) => series(clients.cloudwatch, queries, start, end),
  };
}

/** The storage ports backed by AWS; clients are created once per call of this factory. */
export function createAwsStoragePorts(options: AwsClientOptions): StoragePorts {
  const config = clientConfig(options);
  return storagePortsFromClients({
    rds: new RDSClient(config),
    ec2: new EC2Client(config),
    cloudwatch: new CloudWatchClient(config),
  });
}
