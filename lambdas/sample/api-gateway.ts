import type {
  HttpApi,
  HttpApiCors,
  HttpApiPorts,
  HttpStage,
  RestApi,
  RestApiPorts,
  RestStage,
  Throttle,
  UsagePlan,
} from '../core/checks/api-gateway/ports';

/** A sample REST API: one stage, as the checks read it. */
export interface SampleRestApi {
  readonly id: string;
  readonly name: string;
  readonly endpointType: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  readonly stage: string;
  readonly traced: boolean;
  /** The throttle of every method, when the stage sets one. */
  readonly throttle?: Throttle;
  /** The name of the web ACL associated with the stage (served by the sample WAF by API id). */
  readonly webAcl?: string;
}

/** A sample HTTP API: one stage, as the checks read it. */
export interface SampleHttpApi {
  readonly id: string;
  readonly name: string;
  readonly stage: string;
  readonly cors?: HttpApiCors;
  readonly throttle?: Throttle;
}

/** orders-api's REST API (tagged service=orders-api). */
export const ORDERS_REST_API = 'o7d3r5r3st';
/** orders-api's webhooks HTTP API (tagged service=orders-api). */
export const ORDERS_HTTP_API = 'o7d3r5h77p';
/** payments' REST API (its stack payments-prod). */
export const PAYMENTS_REST_API = 'p4ym3n75r3';
/** payments' checkout HTTP API (its stack payments-prod). */
export const PAYMENTS_HTTP_API = 'p4ym3n75h7';

const arnOf = (region: string, path: string) => `arn:aws:apigateway:${region}::${path}`;

/** The REST APIs and usage plans of one sample region. */
export function sampleRestApiPorts(
  { region, accountId }: { readonly region: string; readonly accountId: string },
  apis: readonly SampleRestApi[],
  plans: readonly UsagePlan[] = [],
): RestApiPorts {
  const listed: RestApi[] = apis.map((api) => ({
    id: api.id,
    name: api.name,
    arn: arnOf(region, `/restapis/${api.id}`),
    endpointTypes: [api.endpointType],
  }));
  return {
    listRestApis: async () => listed,
    async restStages(api): Promise<RestStage[]> {
      const sample = apis.find((a) => a.id === api.id);
      if (sample === undefined) return [];
      return [
        {
          apiId: api.id,
          name: sample.stage,
          arn: arnOf(region, `/restapis/${api.id}/stages/${sample.stage}`),
          tracingEnabled: sample.traced,
          ...(sample.throttle === undefined ? {} : { defaultThrottle: sample.throttle }),
          throttledMethods: [],
          ...(sample.webAcl === undefined
            ? {}
            : {
                webAclArn: `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${sample.webAcl}/a1b2c3d4`,
              }),
        },
      ];
    },
    listUsagePlans: async () => [...plans],
  };
}

/** The HTTP APIs of one sample region. */
export function sampleHttpApiPorts(region: string, apis: readonly SampleHttpApi[]): HttpApiPorts {
  return {
    listHttpApis: async (): Promise<HttpApi[]> =>
      apis.map((api) => ({
        id: api.id,
        name: api.name,
        arn: arnOf(region, `/apis/${api.id}`),
        protocolType: 'HTTP',
        ...(api.cors === undefined ? {} : { cors: api.cors }),
      })),
    async httpStages(api): Promise<HttpStage[]> {
      const sample = apis.find((a) => a.id === api.id);
      if (sample === undefined) return [];
      return [
        {
          apiId: api.id,
          name: sample.stage,
          arn: arnOf(region, `/apis/${api.id}/stages/${sample.stage}`),
          ...(sample.throttle === undefined ? {} : { defaultThrottle: sample.throttle }),
          throttledRoutes: [],
        },
      ];
    },
  };
}
