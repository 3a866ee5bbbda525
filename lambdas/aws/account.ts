import type { AccountPorts } from '../core/checks/types';
import { accountOf } from './account-groups';
import { createAwsAlarmsPorts } from './alarms';
import { createAwsRestApiPorts } from './apigateway';
import { createAwsHttpApiPorts } from './apigateway/http-apis';
import { createAwsBackupsPorts } from './backups';
import type { AwsClientOptions } from './client-config';
import { createAwsCorsPorts } from './cors';
import { createAwsDeploysPorts } from './deploys';
import { createAwsImagesPorts } from './images';
import { createAwsLoadBalancingPorts } from './load-balancing';
import { createAwsNetworkPorts } from './network';
import { createAwsObservabilityPorts } from './observability';
import { createAwsScalingPorts } from './scaling';
import { createAwsScopePorts } from './scope';
import { createAwsSecretsPorts } from './secrets';
import { createAwsStoragePorts } from './storage';
import { createAwsTlsPorts } from './tls';
import { createAwsTracingPorts } from './tracing';
import { createAwsWafPorts } from './waf';
import { createAwsWorkloadsPorts } from './workloads';

/** Every group of ports: what runs every check (the CLI, the follow-ups). */
export const ALL_GROUPS = {
  backups: createAwsBackupsPorts,
  tls: createAwsTlsPorts,
  secrets: createAwsSecretsPorts,
  alarms: createAwsAlarmsPorts,
  observability: createAwsObservabilityPorts,
  tracing: createAwsTracingPorts,
  loadBalancing: createAwsLoadBalancingPorts,
  waf: createAwsWafPorts,
  cors: createAwsCorsPorts,
  scaling: createAwsScalingPorts,
  storage: createAwsStoragePorts,
  workloads: createAwsWorkloadsPorts,
  images: createAwsImagesPorts,
  deploys: createAwsDeploysPorts,
  network: createAwsNetworkPorts,
  scope: createAwsScopePorts,
  restApis: createAwsRestApiPorts,
  httpApis: createAwsHttpApiPorts,
} as const;

/**
 * An account reached through the AWS SDK with the given (by default the current) credentials, with
 * every group of ports, each built when a check first uses it. A family's check function uses
 * `accountOf` with its own groups instead, so that it bundles only their clients.
 */
export function createAwsAccount(options: AwsClientOptions = {}): AccountPorts {
  return accountOf(ALL_GROUPS, options);
}
