import { ACCOUNT_ID, type Json, REGION } from './account';

/*
 * The API Gateway side of the synthetic account: REST APIs (most regional, some private), each with
 * one to three stages (some traced, some throttled, some behind a web ACL), usage plans covering some
 * unthrottled stages, and HTTP APIs with their CORS configurations and stages. Drawn from a seed of
 * its own, so the rest of the account stays as it was.
 */

export interface ApisSize {
  readonly restApis: number;
  readonly httpApis: number;
}

export interface SyntheticApis {
  /** GetRestApis' items. */
  readonly restApis: readonly Json[];
  /** GetStages' items by REST API id. */
  readonly restStages: ReadonlyMap<string, readonly Json[]>;
  readonly usagePlans: readonly Json[];
  /** The web ACL GetWebACLForResource returns, by stage ARN. */
  readonly stageWebAcls: ReadonlyMap<string, Json>;
  /** GetApis' items (v2). */
  readonly httpApis: readonly Json[];
  /** GetStages' items (v2) by API id. */
  readonly httpStages: ReadonlyMap<string, readonly Json[]>;
}

const STAGE_NAMES = ['prod', 'beta', 'dev'];
const ORIGINS = [['https://shop.example.com'], ['*'], ['https://a.example.com', 'http://legacy.example.com']];
const VISIBILITY = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'm' };

export function syntheticApis(random: () => number, size: ApisSize): SyntheticApis {
  const restApis: Json[] = [];
  const restStages = new Map<string, Json[]>();
  const stageWebAcls = new Map<string, Json>();
  const usagePlanStages: Json[] = [];
  for (let i = 0; i < size.restApis; i += 1) {
    const id = `r${String(i).padStart(9, '0')}`;
    restApis.push({
      id,
      name: `rest-api-${i}`,
      endpointConfiguration: { types: [random() < 0.1 ? 'PRIVATE' : 'REGIONAL'] },
    });
    const stages = STAGE_NAMES.slice(0, 1 + Math.floor(random() * STAGE_NAMES.length)).map((stageName) => {
      const throttled = random() < 0.7;
      const arn = `arn:aws:apigateway:${REGION}::/restapis/${id}/stages/${stageName}`;
      const withAcl = random() < 0.5;
      if (withAcl) {
        stageWebAcls.set(arn, {
          Name: `${id}-${stageName}-acl`,
          Id: `${id}-${stageName}`,
          ARN: `arn:aws:wafv2:${REGION}:${ACCOUNT_ID}:regional/webacl/${id}-${stageName}-acl/${id}`,
          DefaultAction: { Allow: {} },
          VisibilityConfig: VISIBILITY,
          Rules:
            random() < 0.8
              ? [
                  {
                    Name: 'per-ip',
                    Priority: 0,
                    Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
                    Action: { Block: {} },
                    VisibilityConfig: VISIBILITY,
                  },
                ]
              : [],
        });
      }
      if (!throttled && random() < 0.5) usagePlanStages.push({ apiId: id, stage: stageName });
      return {
        stageName,
        deploymentId: 'd1',
        tracingEnabled: random() < 0.6,
        methodSettings: throttled
          ? { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 200, metricsEnabled: true } }
          : {},
        ...(withAcl ? { webAclArn: stageWebAcls.get(arn)?.ARN } : {}),
      };
    });
    restStages.set(id, stages);
  }
  const usagePlans = Array.from({ length: Math.max(1, Math.ceil(usagePlanStages.length / 20)) }, (_, i) => ({
    id: `plan${i}`,
    name: `plan-${i}`,
    throttle: { rateLimit: 50, burstLimit: 100 },
    apiStages: usagePlanStages.slice(i * 20, i * 20 + 20),
  }));
  const httpApis: Json[] = [];
  const httpStages = new Map<string, Json[]>();
  for (let i = 0; i < size.httpApis; i += 1) {
    const id = `h${String(i).padStart(9, '0')}`;
    const origins = ORIGINS[Math.floor(random() * ORIGINS.length)] ?? [];
    httpApis.push({
      apiId: id,
      name: `http-api-${i}`,
      protocolType: 'HTTP',
      routeSelectionExpression: '$request.method $request.path',
      ...(random() < 0.7
        ? {
            corsConfiguration: {
              allowOrigins: origins,
              allowCredentials: random() < 0.5,
              allowMethods: ['GET'],
            },
          }
        : {}),
    });
    httpStages.set(id, [
      {
        stageName: '$default',
        ...(random() < 0.6
          ? { defaultRouteSettings: { throttlingRateLimit: 100, throttlingBurstLimit: 200 } }
          : {}),
        routeSettings: random() < 0.2 ? { 'POST /orders': { throttlingRateLimit: 5 } } : {},
      },
    ]);
  }
  return { restApis, restStages, usagePlans, stageWebAcls, httpApis, httpStages };
}
