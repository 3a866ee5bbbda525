import { createAwsObservabilityPorts } from '../../../aws/observability';
import { createAwsScopePorts } from '../../../aws/scope';
import { checkFunction } from '../check-function';

/** The observability family's check function: CloudWatch Logs and CloudWatch clients, and the scope's. */
export const { run, handler } = checkFunction('observability', {
  observability: createAwsObservabilityPorts,
  scope: createAwsScopePorts,
});
