import { createAwsScalingPorts } from '../../../aws/scaling';
import { createAwsScopePorts } from '../../../aws/scope';
import { scalingChecks } from '../../../core/checks/scaling/definitions';
import { checkFunction } from '../check-function';

/** The scaling family's check function: Application Auto Scaling and EC2 Auto Scaling clients, and the scope's. */
export const { run, handler } = checkFunction('scaling', scalingChecks, {
  scaling: createAwsScalingPorts,
  scope: createAwsScopePorts,
});
