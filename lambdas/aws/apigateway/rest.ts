import {
  type APIGatewayClient,
  GetStagesCommand,
  type MethodSetting,
  paginateGetRestApis,
  paginateGetUsagePlans,
  type RestApi as SdkRestApi,
  type UsagePlan as SdkUsagePlan,
  type Stage,
} from '@aws-sdk/client-api-gateway';
import type { RestApi, RestStage, Throttle, UsagePlan } from '../../core/checks/api-gateway/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';
import { apiGatewayArn } from './arn';

/*
 * REST APIs (API Gateway v1). Every call is `apigateway:GET` on the path it reads; the action names
 * below say which path, so an ERROR tells what to grant.
 */
export const GET_REST_APIS = 'apigateway:GET on /restapis';
export const GET_STAGES = 'apigateway:GET on /restapis/{id}/stages';
export const GET_USAGE_PLANS = 'apigateway:GET on /usageplans';

/** GetRestApis' and GetUsagePlans' largest page. */
export const REST_PAGE_SIZE = 500;

/** The method settings key that applies to every method of a stage. */
const EVERY_METHOD = '*/*';

export const region = (client: APIGatewayClient, action: string) =>
  callAws(action, () => client.config.region());

export function throttleOf(setting: MethodSetting | undefined): Throttle | undefined {
  if (setting?.throttlingRateLimit === undefined && setting?.throttlingBurstLimit === undefined)
    return undefined;
  return {
    ...(setting.throttlingRateLimit === undefined ? {} : { rateLimit: setting.throttlingRateLimit }),
    ...(setting.throttlingBurstLimit === undefined ? {} : { burstLimit: setting.throttlingBurstLimit }),
  };
}

/** Every REST API of the region, 500 to a page. */
export async function listRestApis(client: APIGatewayClient): Promise<RestApi[]> {
  const apis = await collectPages(
    GET_REST_APIS,
    paginateGetRestApis({ client, pageSize: REST_PAGE_SIZE }, {}),
    (page) => page.items,
  );
  const at = await region(client, GET_REST_APIS);
  return readEach(
    GET_REST_APIS,
    apis,
    (api) => ({
      ...(typeof api.id === 'string' ? { arn: apiGatewayArn(at, `/restapis/${api.id}`) } : {}),
      names: [api.id, api.name],
    }),
    (api) => toRestApi(at, api),
  );
}

/** A REST API as GetRestApis lists it, read for the checks. */
export function toRestApi(at: string, api: SdkRestApi): RestApi {
  const id = required(GET_REST_APIS, 'items[].id', api.id);
  return {
    id,
    name: required(GET_REST_APIS, 'items[].name', api.name),
    arn: apiGatewayArn(at, `/restapis/${id}`),
    endpointTypes: api.endpointConfiguration?.types ?? [],
  };
}

/** A stage as GetStages (or GetStage) gives it, read for the checks. */
export function toRestStage(at: string, api: RestApi, stage: Stage): RestStage {
  const name = required(GET_STAGES, 'item[].stageName', stage.stageName);
  const settings = stage.methodSettings ?? {};
  const defaultThrottle = throttleOf(settings[EVERY_METHOD]);
  return {
    apiId: api.id,
    name,
    arn: apiGatewayArn(at, `/restapis/${api.id}/stages/${name}`),
    // Absent is off: a check never passes on a setting the answer did not give.
    tracingEnabled: stage.tracingEnabled === true,
    ...(defaultThrottle === undefined ? {} : { defaultThrottle }),
    throttledMethods: Object.entries(settings)
      .filter(([key, setting]) => key !== EVERY_METHOD && throttleOf(setting) !== undefined)
      .map(([key]) => key),
    ...(stage.webAclArn === undefined || stage.webAclArn === '' ? {} : { webAclArn: stage.webAclArn }),
  };
}

/** The stages of one REST API: one call (GetStages answers in one page). */
export async function restStages(client: APIGatewayClient, api: RestApi): Promise<RestStage[]> {
  const answer = await callAws(GET_STAGES, () => client.send(new GetStagesCommand({ restApiId: api.id })));
  const at = await region(client, GET_STAGES);
  return (answer.item ?? []).map((stage) => toRestStage(at, api, stage));
}

/** Every usage plan of the region, 500 to a page, with the stages it covers. */
export async function listUsagePlans(client: APIGatewayClient): Promise<UsagePlan[]> {
  const plans = await collectPages(
    GET_USAGE_PLANS,
    paginateGetUsagePlans({ client, pageSize: REST_PAGE_SIZE }, {}),
    (page) => page.items,
  );
  // A lookup, not a judged resource: a plan that cannot be read fails the listing, since the stage it
  // covers would otherwise be judged as uncovered.
  return plans.map(toUsagePlan);
}

/** A usage plan as GetUsagePlans lists it, read for the checks. */
export function toUsagePlan(plan: SdkUsagePlan): UsagePlan {
  const throttle = plan.throttle;
  return {
    id: required(GET_USAGE_PLANS, 'items[].id', plan.id),
    name: plan.name ?? required(GET_USAGE_PLANS, 'items[].id', plan.id),
    ...(throttle === undefined
      ? {}
      : {
          throttle: {
            ...(throttle.rateLimit === undefined ? {} : { rateLimit: throttle.rateLimit }),
            ...(throttle.burstLimit === undefined ? {} : { burstLimit: throttle.burstLimit }),
          },
        }),
    stages: (plan.apiStages ?? []).map((s) => ({
      apiId: required(GET_USAGE_PLANS, 'items[].apiStages[].apiId', s.apiId),
      stage: required(GET_USAGE_PLANS, 'items[].apiStages[].stage', s.stage),
    })),
  };
}
