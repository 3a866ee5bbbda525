import { createAwsHttpApiPorts } from '../../../aws/apigateway/http-apis';
import { createAwsCorsPorts } from '../../../aws/cors';
import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsTracingPorts } from '../../../aws/tracing';
import { corsChecks } from '../../../core/checks/cors/definitions';
import { checkFunction } from '../check-function';

/**
 * The cors family's check function: Lambda clients (the function listing of the tracing ports, each
 * function's URL of the cors ports), API Gateway v2 clients (HTTP APIs' CORS), and the scope's.
 */
export const { run, handler } = checkFunction('cors', corsChecks, {
  tracing: createAwsTracingPorts,
  cors: createAwsCorsPorts,
  scope: createAwsScopePorts,
  httpApis: createAwsHttpApiPorts,
});
