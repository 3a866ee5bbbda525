import { mapWithConcurrency } from '../../concurrency';
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

interface ApiIdentity {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
}

/** The APIs in scope, each with its stages; REST and HTTP APIs alike, through their own listings. */
async function apisWithStages<Api extends ApiIdentity, Stage>(
  listApis: () => Promise<Api[]>,
  stagesOf: (api: Api) => Promise<Stage[]>,
  scope: CheckScope,
): Promise<Outcome<ApiStages<Api, Stage>[]>> {
  const apis = await settle(listApis);
  if (!apis.ok) return apis;
  const inScope = scope.select(apis.value, apiIdentity);
  return {
    ok: true,
    value: await mapWithConcurrency(inScope, API_STAGES_CONCURRENCY, async (api) => ({
      api,
      stages: await settle(() => stagesOf(api)),
    })),
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
    () => ports.listHttpApis(),
    (api) => ports.httpStages(api),
    scope,
  );
}
