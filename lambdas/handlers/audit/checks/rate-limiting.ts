import { createAwsRestApiPorts } from '../../../aws/apigateway';
import { createAwsHttpApiPorts } from '../../../aws/apigateway/http-apis';
import { createAwsLoadBalancingPorts } from '../../../aws/load-balancing';
import { createAwsNetworkPorts } from '../../../aws/network';
import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsWafPorts } from '../../../aws/waf';
import { rateLimitingChecks } from '../../../core/checks/rate-limiting/definitions';
import { checkFunction } from '../check-function';

/**
 * The rate-limiting family's check function: Elastic Load Balancing and WAF clients (it reads the
 * load balancers and their web ACLs), EC2 (a load balancer's security groups, when it is behind
 * CloudFront), API Gateway clients (REST and HTTP API stages), and the scope's.
 */
export const { run, handler } = checkFunction('rate-limiting', rateLimitingChecks, {
  loadBalancing: createAwsLoadBalancingPorts,
  waf: createAwsWafPorts,
  network: createAwsNetworkPorts,
  scope: createAwsScopePorts,
  restApis: createAwsRestApiPorts,
  httpApis: createAwsHttpApiPorts,
});
