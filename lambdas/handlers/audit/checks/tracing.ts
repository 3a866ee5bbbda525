import { createAwsRestApiPorts } from '../../../aws/apigateway';
import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTracingPorts } from '../../../aws/tracing';
import { checkFunction } from '../check-function';

/** The tracing family's check function: Lambda, Step Functions and API Gateway (REST) clients, and the scope's. */
export const { run, handler } = checkFunction('tracing', {
  tracing: createAwsTracingPorts,
  scope: createAwsScopePorts,
  restApis: createAwsRestApiPorts,
});
