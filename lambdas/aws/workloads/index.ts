import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { WorkloadsPorts } from '../../core/checks/workloads/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listEcsServices } from '../ecs-services';
import { describeEcsServices, describeTaskDefinition } from './ecs';
import { existingParameters, secretExists } from './secret-metadata';
import { listServiceQuotas } from './service-quotas';
import { quotaUsage } from './usage';

/** The SDK clients the workloads checks use; tests pass their own. */
export interface WorkloadsClients {
  readonly ecs: ECSClient;
  readonly quotas: ServiceQuotasClient;
  readonly cloudwatch: CloudWatchClient;
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
}

/** The workloads ports over the given clients. */
export function workloadsPortsFromClients(clients: WorkloadsClients): WorkloadsPorts {
  return {
    // Clusters one at a time: both of this family's checks list them, sharing ECS's account rate.
    listEcsServices: () => listEcsServices(clients.ecs, 1),
    describeEcsServices: (cluster, arns) => describeEcsServices(clients.ecs, cluster, arns),
    taskDefinition: (arn) => describeTaskDefinition(clients.ecs, arn),
    listServiceQuotas: (code) => listServiceQuotas(clients.quotas, code),
    usage: (queries, start, end) => quotaUsage(clients.cloudwatch, queries, start, end),
    secretExists: (id) => secretExists(clients.secretsManager, id),
    existingParameters: (names) => existingParameters(clients.ssm, names),
  };
}

/** The workloads ports backed by AWS; clients are created once per call of this factory. */
export function createAwsWorkloadsPorts(options: AwsClientOptions): WorkloadsPorts {
  const config = clientConfig(options);
  return workloadsPortsFromClients({
    ecs: new ECSClient(config),
    quotas: new ServiceQuotasClient(config),
    cloudwatch: new CloudWatchClient(config),
    secretsManager: new SecretsManagerClient(config),
    ssm: new SSMClient(config),
  });
}
