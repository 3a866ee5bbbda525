import { createAwsRestApiPorts } from '../../../aws/apigateway';
import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTracingPorts } from '../../../aws/tracing';
import { tracingChecks } from '../../../core/checks/tracing/definitions';
import { checkFunction } from '../check-function';

/** The tracing family's check function: Lambda, Step Functions and API Gateway (REST) clients, and the scope's. */
export const { run, handler } = checkFunction('tracing', tracingChecks, {
  tracing: createAwsTracingPorts,
  scope: createAwsScopePorts,
  restApis: createAwsRestApiPorts,
});
