import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { RDSClient } from '@aws-sdk/client-rds';
import type { StoragePorts } from '../../core/checks/storage/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listMetrics, runningInstances, series } from './cloudwatch';
import { listDbInstances } from './rds';

/** The SDK clients the disk-space check uses; tests pass their own. */
export interface StorageClients {
  readonly rds: RDSClient;
  readonly cloudwatch: CloudWatchClient;
}

/** The storage ports over the given clients. */
export function storagePortsFromClients(clients: StorageClients): StoragePorts {
  return {
    listDbInstances: () => listDbInstances(clients.rds),
    listMetrics: (namespace, metricName) => listMetrics(clients.cloudwatch, namespace, metricName),
    series: (queries, start, end) => series(clients.cloudwatch, queries, start, end),
    runningInstances: () => runningInstances(clients.cloudwatch),
  };
}

/** The storage ports backed by AWS; clients are created once per call of this factory. */
export function createAwsStoragePorts(options: AwsClientOptions): StoragePorts {
  const config = clientConfig(options);
  return storagePortsFromClients({
    rds: new RDSClient(config),
    cloudwatch: new CloudWatchClient(config),
  });
}
