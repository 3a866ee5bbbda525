import type { SyntheticApis } from './account-apigateway';
import { type Operation, page, ServiceError, withToken } from './operations';

/*
 * API Gateway's operations over the synthetic APIs (REST-JSON; the endpoint routes each path to its
 * operation): the listings Preflight makes, the per-resource reads the naive variant makes, and the
 * stages' web ACLs, answered before the load balancers' (`fallback`).
 */
export function apiGatewayOperations(
  apis: SyntheticApis,
  fallback: Operation | undefined,
): Record<string, Operation> {
  const httpById = new Map(apis.httpApis.map((api) => [api.apiId as string, api]));
  return {
    // REST APIs: `limit` and `position` in the query, `item` and `position` in the answer.
    'apigateway:GetRestApis': (p) => {
      const { items, next } = page('apigateway:GetRestApis', apis.restApis, p.position, p.limit);
      return { item: items, ...withToken('position', next) };
    },
    'apigateway:GetStages': (p) => {
      const stages = apis.restStages.get(String(p.restApiId));
      if (stages === undefined)
        return new ServiceError('NotFoundException', 'Invalid API identifier specified', 404);
      return { item: stages };
    },
    'apigateway:GetStage': (p) => {
      const stage = apis.restStages.get(String(p.restApiId))?.find((s) => s.stageName === p.stageName);
      return stage ?? new ServiceError('NotFoundException', 'Invalid stage identifier specified', 404);
    },
    'apigateway:GetUsagePlans': (p) => {
      const { items, next } = page('apigateway:GetUsagePlans', apis.usagePlans, p.position, p.limit);
      return { item: items, ...withToken('position', next) };
    },
    // HTTP APIs (v2): `maxResults` and `nextToken` in the query, `items` and `nextToken` in the answer.
    'apigateway:GetApis': (p) => {
      const { items, next } = page('apigateway:GetApis', apis.httpApis, p.nextToken, p.maxResults);
      return { items, ...withToken('nextToken', next) };
    },
    'apigateway:GetApi': (p) =>
      httpById.get(String(p.apiId)) ??
      new ServiceError('NotFoundException', 'Invalid API identifier specified', 404),
    'apigateway:GetStagesV2': (p) => {
      const stages = apis.httpStages.get(String(p.apiId));
      if (stages === undefined)
        return new ServiceError('NotFoundException', 'Invalid API identifier specified', 404);
      const { items, next } = page('apigateway:GetStagesV2', stages, p.nextToken, p.maxResults);
      return { items, ...withToken('nextToken', next) };
    },
    'apigateway:GetStageV2': (p) => {
      const stage = apis.httpStages.get(String(p.apiId))?.find((s) => s.stageName === p.stageName);
      return stage ?? new ServiceError('NotFoundException', 'Invalid stage identifier specified', 404);
    },
    'wafv2:GetWebACLForResource': (p) => {
      const arn = String(p.ResourceArn);
      if (arn.includes(':apigateway:')) {
        const acl = apis.stageWebAcls.get(arn);
        return acl === undefined ? {} : { WebACL: acl };
      }
      return fallback === undefined
        ? new ServiceError('WAFNonexistentItemException', 'no such resource')
        : fallback(p);
    },
  };
}

/** The API Gateway paths the endpoint routes, with the parameters each carries in its path. */
export const API_GATEWAY_ROUTES: readonly {
  readonly pattern: RegExp;
  readonly operation: string;
  readonly params: readonly string[];
}[] = [
  { pattern: /^\/restapis$/, operation: 'GetRestApis', params: [] },
  { pattern: /^\/restapis\/([^/]+)\/stages$/, operation: 'GetStages', params: ['restApiId'] },
  {
    pattern: /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
    operation: 'GetStage',
    params: ['restApiId', 'stageName'],
  },
  { pattern: /^\/usageplans$/, operation: 'GetUsagePlans', params: [] },
  { pattern: /^\/v2\/apis$/, operation: 'GetApis', params: [] },
  { pattern: /^\/v2\/apis\/([^/]+)$/, operation: 'GetApi', params: ['apiId'] },
  { pattern: /^\/v2\/apis\/([^/]+)\/stages$/, operation: 'GetStagesV2', params: ['apiId'] },
  {
    pattern: /^\/v2\/apis\/([^/]+)\/stages\/([^/]+)$/,
    operation: 'GetStageV2',
    params: ['apiId', 'stageName'],
  },
];
