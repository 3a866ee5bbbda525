import type {
  HttpApi,
  HttpApiPorts,
  HttpStage,
  RestApi,
  RestApiPorts,
  RestStage,
  UsagePlan,
} from '../../../../lambdas/core/checks/api-gateway/ports';
import { AwsCallError } from '../../../../lambdas/core/errors';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';

export const REGION = 'eu-west-1';
export const restArn = (id: string) => `arn:aws:apigateway:${REGION}::/restapis/${id}`;
export const httpArn = (id: string) => `arn:aws:apigateway:${REGION}::/apis/${id}`;

export const restApi = (id: string, name: string, type = 'REGIONAL'): RestApi => ({
  id,
  name,
  arn: restArn(id),
  endpointTypes: [type],
});
export const restStage = (api: RestApi, name: string, fields: Partial<RestStage> = {}): RestStage => ({
  apiId: api.id,
  name,
  arn: `${api.arn}/stages/${name}`,
  tracingEnabled: false,
  throttledMethods: [],
  ...fields,
});
export const httpApi = (id: string, name: string, fields: Partial<HttpApi> = {}): HttpApi => ({
  id,
  name,
  arn: httpArn(id),
  protocolType: 'HTTP',
  ...fields,
});
export const httpStage = (api: HttpApi, name: string, fields: Partial<HttpStage> = {}): HttpStage => ({
  apiId: api.id,
  name,
  arn: `${api.arn}/stages/${name}`,
  throttledRoutes: [],
  ...fields,
});
export const denied = (action: string) =>
  new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no');

/** REST API ports over fixed data, recording which APIs' stages were read. */
export function restPorts(
  apis: readonly RestApi[],
  stages: Readonly<Record<string, readonly RestStage[] | Error>>,
  plans: readonly UsagePlan[] | Error = [],
  read: string[] = [],
): RestApiPorts {
  return {
    listRestApis: async () => [...apis],
    async restStages(api) {
      read.push(api.id);
      const found = stages[api.id] ?? [];
      if (found instanceof Error) throw found;
      return [...found];
    },
    async listUsagePlans() {
      read.push('usage-plans');
      if (plans instanceof Error) throw plans;
      return [...plans];
    },
  };
}

/** HTTP API ports over fixed data, recording which APIs' stages were read. */
export function httpPorts(
  apis: readonly HttpApi[],
  stages: Readonly<Record<string, readonly HttpStage[] | Error>> = {},
  read: string[] = [],
): HttpApiPorts {
  return {
    listHttpApis: async () => [...apis],
    async httpStages(api) {
      read.push(api.id);
      const found = stages[api.id] ?? [];
      if (found instanceof Error) throw found;
      return [...found];
    },
  };
}

/** A region where `orders` owns, by tag, the resources `tagged` and, by its stack, `stack`. */
export function scopePorts(
  tagged: readonly string[],
  stack: readonly { type: string; id: string }[] = [],
): ScopePorts {
  return {
    resourcesWithTags: async (_tags, types) =>
      tagged.filter((arn) =>
        types.some((t) => arn.includes(t === 'apigateway:restapis' ? '/restapis/' : '/apis/')),
      ),
    stackResources: async (name) =>
      name === 'orders-prod'
        ? stack.map((r, i) => ({ logicalId: `R${i}`, type: r.type, physicalId: r.id }))
        : undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: REGION }),
  };
}
