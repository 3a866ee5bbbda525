import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ObservabilityPorts } from '../../core/checks/observability/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listLogGroups, logActivity } from './logs';
import { countRecentlyActive } from './metrics';

/** The SDK clients the log and metric checks use; tests pass their own. */
export interface ObservabilityClients {
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
}

/** The observability ports over the given clients. */
export function observabilityPortsFromClients(clients: ObservabilityClients): ObservabilityPorts {
  return {
    listLogGroups: () => listLogGroups(clients.logs),
    logActivity: (name) => logActivity(clients.logs, name),
    countRecentlyActive: (metric) => countRecentlyActive(clients.cloudwatch, metric),
  };
}

/** The observability ports backed by AWS; clients are created once per call of this factory. */
export function createAwsObservabilityPorts(options: AwsClientOptions): ObservabilityPorts {
  const config = clientConfig(options);
  return observabilityPortsFromClients({
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
  });
}
