import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { DeploysPorts } from '../../core/checks/deploys/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { deploymentConfig, deploymentGroup } from './codedeploy';
import { describeEcsServices, listEcsServices } from './ecs';
import { alias, listFunctions } from './lambda';
import { automationExecutions } from './ssm';

/** The SDK clients the deploys ports read with (read-only calls only); tests pass their own. */
export interface DeploysClients {
  readonly codedeploy: CodeDeployClient;
  readonly ecs: ECSClient;
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
}

/** The deploys ports over the given clients. */
export function deploysPortsFromClients(clients: DeploysClients): DeploysPorts {
  return {
    deploymentGroup: (application, group) => deploymentGroup(clients.codedeploy, application, group),
    deploymentConfig: (name) => deploymentConfig(clients.codedeploy, name),
    listEcsServices: () => listEcsServices(clients.ecs),
    describeEcsServices: (cluster, arns) => describeEcsServices(clients.ecs, cluster, arns),
    listFunctions: () => listFunctions(clients.lambda),
    alias: (fn, name) => alias(clients.lambda, fn, name),
    automationExecutions: (document, since) => automationExecutions(clients.ssm, document, since),
  };
}

/** The deploys ports backed by AWS; the clients are created once per call of this factory. */
export function createAwsDeploysPorts(options: AwsClientOptions): DeploysPorts {
  const config = clientConfig(options);
  return deploysPortsFromClients({
    codedeploy: new CodeDeployClient(config),
    ecs: new ECSClient(config),
    lambda: new LambdaClient(config),
    ssm: new SSMClient(config),
  });
}
