import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { TracingPorts } from '../../core/checks/tracing/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listFunctions } from './lambda';
import { listStateMachines, stateMachineTracing } from './sfn';

/** The SDK clients the tracing check uses; tests pass their own. */
export interface TracingClients {
  readonly lambda: LambdaClient;
  readonly sfn: SFNClient;
}

/** The tracing ports over the given clients. */
export function tracingPortsFromClients(clients: TracingClients): TracingPorts {
  return {
    listFunctions: () => listFunctions(clients.lambda),
    listStateMachines: () => listStateMachines(clients.sfn),
    stateMachineTracing: (arn) => stateMachineTracing(clients.sfn, arn),
  };
}

/** The tracing ports backed by AWS; clients are created once per call of this factory. */
export function createAwsTracingPorts(options: AwsClientOptions): TracingPorts {
  const config = clientConfig(options);
  return tracingPortsFromClients({ lambda: new LambdaClient(config), sfn: new SFNClient(config) });
}
