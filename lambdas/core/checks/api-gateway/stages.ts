import { mapWithConcurrency } from '../../concurrency';
import { apiIdOfStageArn } from '../../scope/arn';
import type { CheckScope } from '../../scope/check-scope';
import { type Outcome, settle } from '../kit/outcome';
import type { HttpApi, HttpApiPorts, HttpStage, RestApi, RestApiPorts, RestStage } from './ports';

/**
 * APIs whose stages are read at once. API Gateway's management API allows an account about ten
 * requests a second, shared by every caller: two in flight leaves room for deployments.
 */
export const API_STAGES_CONCURRENCY = 2;

/** One API in scope and its stages, or what stopped reading them. */
export interface ApiStages<Api, Stage> {
  readonly api: Api;
  readonly stages: Outcome<Stage[]>;
}

/**
 * An API is in scope by its own ARN (tags, stack, listed ARN) or its name or id, and brings every
 * stage: stacks name a stage by its name alone, so the API is what a service owns. Selected
 * before any per-API call, so another team's APIs are never read.
 */
export const apiIdentity = (api: ApiIdentity) => ({
  arn: api.arn,
  names: [api.name, api.id],
});

/** A stage is in scope by its own ARN (tagged, or listed) when its API is not. */
const stageIdentity = (stage: { readonly arn: string }) => ({ arn: stage.arn, names: [] });

interface ApiIdentity {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
}

/**
 * The APIs in scope, each with its stages; REST and HTTP APIs alike, through their own listings.
 * An API in scope brings every stage; an API that is not, but one of whose stages is (the stage
 * carries the service's tag, the API does not), brings that stage alone. Only those APIs' stages
 * are read.
 */
async function apisWithStages<Api extends ApiIdentity, Stage extends { readonly arn: string }>(
  type: 'apigateway:restapis' | 'apigateway:apis',
  listApis: () => Promise<Api[]>,
  stagesOf: (api: Api) => Promise<Stage[]>,
  scope: CheckScope,
): Promise<Outcome<ApiStages<Api, Stage>[]>> {
  const apis = await settle(listApis);
  if (!apis.ok) return apis;
  const whole = new Set(scope.select(apis.value, apiIdentity));
  const withStagesInScope = new Set((scope.known(type) ?? []).flatMap((arn) => apiIdOfStageArn(arn) ?? []));
  const read = apis.value.filter((api) => whole.has(api) || withStagesInScope.has(api.id));
  return {
    ok: true,
    value: await mapWithConcurrency(read, API_STAGES_CONCURRENCY, async (api) => {
      const stages = await settle(() => stagesOf(api));
      return {
        api,
        stages:
          whole.has(api) || !stages.ok
            ? stages
            : { ok: true, value: scope.select(stages.value, stageIdentity) },
      };
    }),
  };
}

/**
 * The REST APIs in scope, each with its stages. The listing that failed is returned as such: the
 * caller reports it as an ERROR of its rule, and its other resources still report.
 */
export function restApiStages(
  ports: RestApiPorts,
  scope: CheckScope,
): Promise<Outcome<ApiStages<RestApi, RestStage>[]>> {
  return apisWithStages(
    'apigateway:restapis',
    () => ports.listRestApis(),
    (api) => ports.restStages(api),
    scope,
  );
}

/** The HTTP APIs in scope, each with its stages (see {@link restApiStages}). */
export function httpApiStages(
  ports: HttpApiPorts,
  scope: CheckScope,
): Promise<Outcome<ApiStages<HttpApi, HttpStage>[]>> {
  return apisWithStages(
    'apigateway:apis',
    () => ports.listHttpApis(),
    (api) => ports.httpStages(api),
    scope,
  );
}
