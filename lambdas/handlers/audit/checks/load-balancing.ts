import { createAwsLoadBalancingPorts } from '../../../aws/load-balancing';
import { createAwsScopePorts } from '../../../aws/scope';
import { loadBalancingChecks } from '../../../core/checks/load-balancing/definitions';
import { checkFunction } from '../check-function';

/** The load-balancing family's check function: Elastic Load Balancing clients, and the scope's. */
export const { run, handler } = checkFunction('load-balancing', loadBalancingChecks, {
  loadBalancing: createAwsLoadBalancingPorts,
  scope: createAwsScopePorts,
});
