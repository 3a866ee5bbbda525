import { createAwsNetworkPorts } from '../../../aws/network';
import { createAwsScopePorts } from '../../../aws/scope';
import { networkChecks } from '../../../core/checks/network/definitions';
import { checkFunction } from '../check-function';

/** The network family's check function: the EC2 client, and the scope's. */
export const { run, handler } = checkFunction('network', networkChecks, {
  network: createAwsNetworkPorts,
  scope: createAwsScopePorts,
});
