import {
  type APIGatewayClient,
  GetStageCommand,
  GetStagesCommand,
  paginateGetRestApis,
  paginateGetUsagePlans,
} from '@aws-sdk/client-api-gateway';
import {
  type Api,
  type ApiGatewayV2Client,
  GetApiCommand,
  GetApisCommand,
  GetStageCommand as GetHttpStageCommand,
  GetStagesCommand as GetHttpStagesCommand,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import {
  GET_APIS,
  GET_STAGES as GET_HTTP_STAGES,
  region as httpRegion,
  toHttpApi,
  toHttpStage,
} from '../../lambdas/aws/apigateway/http';
import {
  GET_REST_APIS,
  GET_STAGES,
  GET_USAGE_PLANS,
  region as restRegion,
  toRestApi,
  toRestStage,
  toUsagePlan,
} from '../../lambdas/aws/apigateway/rest';
import { callAws, collectPages } from '../../lambdas/aws/call';
import type { HttpApiPorts, RestApiPorts } from '../../lambdas/core/checks/api-gateway/ports';
import { mapWithConcurrency } from '../../lambdas/core/concurrency';

/*
 * API Gateway the naive way: every listing at its default page size, then one describe per stage
 * (GetStage) and per HTTP API (GetApi, for its CORS) where Preflight reads the listings alone.
 */

/** v2 listings have no paginator: follow NextToken without a page size. */
async function drainV2<T>(
  action: string,
  read: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await callAws(action, () => read(token));
    items.push(...(page.Items ?? []));
    token = page.NextToken;
  } while (token !== undefined && token !== '');
  return items;
}

export function naiveRestApiPorts(client: APIGatewayClient, fanOut: number): RestApiPorts {
  return {
    listRestApis: async () => {
      const apis = await collectPages(GET_REST_APIS, paginateGetRestApis({ client }, {}), (p) => p.items);
      const at = await restRegion(client, GET_REST_APIS);
      return apis.map((api) => toRestApi(at, api));
    },
    restStages: async (api) => {
      const listed = await callAws(GET_STAGES, () =>
        client.send(new GetStagesCommand({ restApiId: api.id })),
      );
      const at = await restRegion(client, GET_STAGES);
      return mapWithConcurrency(listed.item ?? [], fanOut, async (stage) =>
        toRestStage(
          at,
          api,
          await callAws(GET_STAGES, () =>
            client.send(new GetStageCommand({ restApiId: api.id, stageName: stage.stageName })),
          ),
        ),
      );
    },
    listUsagePlans: async () =>
      (await collectPages(GET_USAGE_PLANS, paginateGetUsagePlans({ client }, {}), (p) => p.items)).map(
        toUsagePlan,
      ),
  };
}

export function naiveHttpApiPorts(client: ApiGatewayV2Client, fanOut: number): HttpApiPorts {
  return {
    listHttpApis: async () => {
      const listed = await drainV2(GET_APIS, (token) =>
        client.send(new GetApisCommand(token === undefined ? {} : { NextToken: token })),
      );
      const at = await httpRegion(client, GET_APIS);
      return mapWithConcurrency(listed, fanOut, async (api) =>
        toHttpApi(
          at,
          (await callAws(GET_APIS, () => client.send(new GetApiCommand({ ApiId: api.ApiId })))) as Api,
        ),
      );
    },
    httpStages: async (api) => {
      const listed = await drainV2(GET_HTTP_STAGES, (token) =>
        client.send(
          new GetHttpStagesCommand({ ApiId: api.id, ...(token === undefined ? {} : { NextToken: token }) }),
        ),
      );
      const at = await httpRegion(client, GET_HTTP_STAGES);
      return mapWithConcurrency(listed, fanOut, async (stage) =>
        toHttpStage(
          at,
          api,
          (await callAws(GET_HTTP_STAGES, () =>
            client.send(new GetHttpStageCommand({ ApiId: api.id, StageName: stage.StageName })),
          )) as Stage,
        ),
      );
    },
  };
}
