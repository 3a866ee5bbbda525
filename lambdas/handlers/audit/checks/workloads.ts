import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTracingPorts } from '../../../aws/tracing';
import { createAwsWorkloadsPorts } from '../../../aws/workloads';
import { workloadChecks } from '../../../core/checks/workloads/definitions';
import { checkFunction } from '../check-function';

/**
 * The workloads family's check function: Lambda clients (the function listing of the tracing
 * ports: timeout, memory, environment), the ECS, Service Quotas, CloudWatch, Secrets Manager and SSM
 * clients of the workloads ports, and the scope's.
 */
export const { run, handler } = checkFunction('workloads', workloadChecks, {
  tracing: createAwsTracingPorts,
  workloads: createAwsWorkloadsPorts,
  scope: createAwsScopePorts,
});
