import { createAwsScalingPorts } from '../../../aws/scaling';
import { createAwsScopePorts } from '../../../aws/scope';
import { checkFunction } from '../check-function';

/** The scaling family's check function: Application Auto Scaling and EC2 Auto Scaling clients, and the scope's. */
export const { run, handler } = checkFunction('scaling', {
  scaling: createAwsScalingPorts,
  scope: createAwsScopePorts,
});
