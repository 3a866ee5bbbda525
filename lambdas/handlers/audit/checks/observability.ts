import { createAwsObservabilityPorts } from '../../../aws/observability';
import { createAwsScopePorts } from '../../../aws/scope';
import { observabilityChecks } from '../../../core/checks/observability/definitions';
import { checkFunction } from '../check-function';

/** The observability family's check function: CloudWatch Logs and CloudWatch clients, and the scope's. */
export const { run, handler } = checkFunction('observability', observabilityChecks, {
  observability: createAwsObservabilityPorts,
  scope: createAwsScopePorts,
});
