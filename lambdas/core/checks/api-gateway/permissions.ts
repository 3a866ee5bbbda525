import type { ResourcePermission } from '../types';

/*
 * `apigateway:GET` is one action for every read of API Gateway, API keys' values included
 * (GET /apikeys?includeValues=true, GET /usageplans/{id}/keys): it is allowed only on the paths
 * the checks read, never on `*`.
 */

/** GetRestApis and GetStages of REST APIs. */
export const REST_API_READS: ResourcePermission = {
  action: 'apigateway:GET',
  resources: ['apigateway:*::/restapis', 'apigateway:*::/restapis/*'],
};

/** GetUsagePlans: the plans and the stages they cover, not their keys. */
export const USAGE_PLAN_READS: ResourcePermission = {
  action: 'apigateway:GET',
  resources: ['apigateway:*::/usageplans'],
};

/** GetApis and GetStages of HTTP APIs. */
export const HTTP_API_READS: ResourcePermission = {
  action: 'apigateway:GET',
  resources: ['apigateway:*::/apis', 'apigateway:*::/apis/*'],
};

/** GetApis alone: the HTTP APIs with their CORS configurations. */
export const HTTP_API_LISTING: ResourcePermission = {
  action: 'apigateway:GET',
  resources: ['apigateway:*::/apis'],
};
