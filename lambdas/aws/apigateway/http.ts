import {
  type Api,
  type ApiGatewayV2Client,
  GetApisCommand,
  type GetApisCommandOutput,
  GetStagesCommand,
  type GetStagesCommandOutput,
  type RouteSettings,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import type { HttpApi, HttpStage, Throttle } from '../../core/checks/api-gateway/ports';
import { callAws } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';
import { apiGatewayArn } from './arn';

/* HTTP and WebSocket APIs (API Gateway v2): `apigateway:GET` on the path each call reads. */
export const GET_APIS = 'apigateway:GET on /apis';
export const GET_STAGES = 'apigateway:GET on /apis/{id}/stages';

/**
 * The page size asked of GetApis and GetStages (v2). The API documents no maximum and takes the
 * size as a string; 500 is the REST API's largest page.
 */
export const HTTP_PAGE_SIZE = '500';

/** The client has no paginator for these operations: follow NextToken until the last page. */
async function drain<T>(
  action: string,
  read: (token: string | undefined) => Promise<{ Items?: T[] | undefined; NextToken?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await callAws(action, () => read(token));
    items.push(...(page.Items ?? []));
    token = page.NextToken === '' ? undefined : page.NextToken;
    // A token answered twice would loop for ever: a malformed answer, failed closed.
    if (token !== undefined) {
      if (seen.has(token)) required(action, 'a NextToken not seen before', undefined);
      seen.add(token);
    }
  } while (token !== undefined);
  return items;
}

function throttleOf(settings: RouteSettings | undefined): Throttle | undefined {
  if (settings?.ThrottlingRateLimit === undefined && settings?.ThrottlingBurstLimit === undefined)
    return undefined;
  return {
    ...(settings.ThrottlingRateLimit === undefined ? {} : { rateLimit: settings.ThrottlingRateLimit }),
    ...(settings.ThrottlingBurstLimit === undefined ? {} : { burstLimit: settings.ThrottlingBurstLimit }),
  };
}

export const region = (client: ApiGatewayV2Client, action: string) =>
  callAws(action, () => client.config.region());

/** Every HTTP and WebSocket API of the region, with its CORS configuration (the listing carries it). */
export async function listHttpApis(client: ApiGatewayV2Client): Promise<HttpApi[]> {
  const apis = await drain(
    GET_APIS,
    (token) =>
      client.send(
        new GetApisCommand({
          MaxResults: HTTP_PAGE_SIZE,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      ) as Promise<GetApisCommandOutput>,
  );
  const at = await region(client, GET_APIS);
  return readEach(
    GET_APIS,
    apis,
    (api) => ({
      ...(typeof api.ApiId === 'string' ? { arn: apiGatewayArn(at, `/apis/${api.ApiId}`) } : {}),
      names: [api.ApiId, api.Name],
    }),
    (api) => toHttpApi(at, api),
  );
}

/** An API as GetApis (or GetApi) gives it, read for the checks. */
export function toHttpApi(at: string, api: Api): HttpApi {
  const id = required(GET_APIS, 'Items[].ApiId', api.ApiId);
  const cors = api.CorsConfiguration;
  return {
    id,
    name: required(GET_APIS, 'Items[].Name', api.Name),
    arn: apiGatewayArn(at, `/apis/${id}`),
    protocolType: required(GET_APIS, 'Items[].ProtocolType', api.ProtocolType),
    ...(cors === undefined
      ? {}
      : {
          cors: {
            allowOrigins: cors.AllowOrigins ?? [],
            allowCredentials: cors.AllowCredentials === true,
            allowMethods: cors.AllowMethods ?? [],
          },
        }),
  };
}

/** The stages of one HTTP API, every page. */
export async function httpStages(client: ApiGatewayV2Client, api: HttpApi): Promise<HttpStage[]> {
  const stages = await drain(
    GET_STAGES,
    (token) =>
      client.send(
        new GetStagesCommand({
          ApiId: api.id,
          MaxResults: HTTP_PAGE_SIZE,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      ) as Promise<GetStagesCommandOutput>,
  );
  const at = await region(client, GET_STAGES);
  return stages.map((stage) => toHttpStage(at, api, stage));
}

/** A stage as GetStages (or GetStage) gives it, read for the checks. */
export function toHttpStage(at: string, api: HttpApi, stage: Stage): HttpStage {
  const name = required(GET_STAGES, 'Items[].StageName', stage.StageName);
  const defaultThrottle = throttleOf(stage.DefaultRouteSettings);
  return {
    apiId: api.id,
    name,
    arn: apiGatewayArn(at, `/apis/${api.id}/stages/${name}`),
    ...(defaultThrottle === undefined ? {} : { defaultThrottle }),
    throttledRoutes: Object.entries(stage.RouteSettings ?? {})
      .filter(([, settings]) => throttleOf(settings) !== undefined)
      .map(([route]) => route),
  };
}
