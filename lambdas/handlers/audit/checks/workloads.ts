import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTracingPorts } from '../../../aws/tracing';
import { createAwsWorkloadsPorts } from '../../../aws/workloads';
import { checkFunction } from '../check-function';

/**
 * The workloads family's check function: Lambda clients (the function listing of the tracing
 * ports: timeout, memory, environment), the ECS, Service Quotas, CloudWatch, Secrets Manager and SSM
 * clients of the workloads ports, and the scope's.
 */
export const { run, handler } = checkFunction('workloads', {
  tracing: createAwsTracingPorts,
  workloads: createAwsWorkloadsPorts,
  scope: createAwsScopePorts,
});
