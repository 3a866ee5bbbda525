import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restApiPortsFromClient } from '../../../lambdas/aws/apigateway';
import { HTTP_PAGE_SIZE } from '../../../lambdas/aws/apigateway/http';
import { httpApiPortsFromClient } from '../../../lambdas/aws/apigateway/http-apis';
import { REST_PAGE_SIZE } from '../../../lambdas/aws/apigateway/rest';
import type { HttpApi, RestApi } from '../../../lambdas/core/checks/api-gateway/ports';
import { AwsCallError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';

/*
 * The API Gateway adapters through the real SDK clients (REST-JSON) against a local endpoint: page
 * sizes and tokens on the wire, throttles retried, and every failure an AwsCallError naming the
 * path to allow.
 */

const clientOptions = (url: string) => ({
  endpoint: url,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  // Four attempts 5 ms apart: the SDK's standard retry, no real waiting.
  retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
});

const REST_API: RestApi = {
  id: 'a1',
  name: 'orders',
  arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1',
  endpointTypes: ['REGIONAL'],
};
const HTTP_API: HttpApi = {
  id: 'h1',
  name: 'webhooks',
  arn: 'arn:aws:apigateway:eu-west-1::/apis/h1',
  protocolType: 'HTTP',
};
const tooMany = () => awsJsonReply.error('TooManyRequestsException', 'Too Many Requests', 429);

describe('REST APIs (API Gateway v1)', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: APIGatewayClient;
  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({
      targetPrefix: 'apigateway',
      restOperations: {
        'GET /restapis': 'GetRestApis',
        'GET /restapis/a1/stages': 'GetStages',
        'GET /usageplans': 'GetUsagePlans',
      },
    });
    client = new APIGatewayClient(clientOptions(endpoint.url));
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });
  const ports = () => restApiPortsFromClient(client);

  it('lists every REST API at the largest page, follows position, retries a throttle, and builds ARNs', async () => {
    endpoint.script(
      'GetRestApis',
      awsJsonReply.ok({
        item: [{ id: 'a1', name: 'orders', endpointConfiguration: { types: ['REGIONAL'] } }],
        position: 'p2',
      }),
      tooMany(),
      awsJsonReply.ok({
        item: [{ id: 'b2', name: 'partners', endpointConfiguration: { types: ['PRIVATE'] } }],
      }),
    );
    expect(await ports().listRestApis()).toEqual([
      REST_API,
      {
        id: 'b2',
        name: 'partners',
        arn: 'arn:aws:apigateway:eu-west-1::/restapis/b2',
        endpointTypes: ['PRIVATE'],
      },
    ]);
    expect(endpoint.callsTo('GetRestApis').map((c) => c.query)).toEqual([
      { limit: String(REST_PAGE_SIZE) },
      { limit: String(REST_PAGE_SIZE), position: 'p2' },
      { limit: String(REST_PAGE_SIZE), position: 'p2' },
    ]);
  });

  it("reads a stage's tracing, its every-method throttle, its throttled methods and its web ACL", async () => {
    endpoint.script(
      'GetStages',
      awsJsonReply.ok({
        item: [
          {
            stageName: 'prod',
            tracingEnabled: true,
            methodSettings: {
              '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 200, metricsEnabled: true },
              'orders/POST': { throttlingRateLimit: 10 },
              'orders/GET': { metricsEnabled: true },
            },
            webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1',
          },
          { stageName: 'dev' },
        ],
      }),
    );
    expect(await ports().restStages(REST_API)).toEqual([
      {
        apiId: 'a1',
        name: 'prod',
        arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod',
        tracingEnabled: true,
        defaultThrottle: { rateLimit: 100, burstLimit: 200 },
        throttledMethods: ['orders/POST'],
        webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1',
      },
      {
        apiId: 'a1',
        name: 'dev',
        arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/dev',
        tracingEnabled: false,
        throttledMethods: [],
      },
    ]);
  });

  it('lists the usage plans at the largest page, following position, with the stages they cover', async () => {
    endpoint.script(
      'GetUsagePlans',
      awsJsonReply.ok({
        item: [
          {
            id: 'u1',
            name: 'gold',
            throttle: { rateLimit: 50, burstLimit: 100 },
            apiStages: [{ apiId: 'a1', stage: 'prod' }],
          },
        ],
        position: 'q2',
      }),
      awsJsonReply.ok({ item: [{ id: 'u2' }] }),
    );
    expect(await ports().listUsagePlans()).toEqual([
      {
        id: 'u1',
        name: 'gold',
        throttle: { rateLimit: 50, burstLimit: 100 },
        stages: [{ apiId: 'a1', stage: 'prod' }],
      },
      { id: 'u2', name: 'u2', stages: [] },
    ]);
    expect(endpoint.callsTo('GetUsagePlans').map((c) => c.query)).toEqual([
      { limit: String(REST_PAGE_SIZE) },
      { limit: String(REST_PAGE_SIZE), position: 'q2' },
    ]);
  });

  it.each<[string, () => unknown, string]>([
    ['denied', () => awsJsonReply.error('AccessDeniedException', 'not allowed', 403), 'access-denied'],
    ['throttled past the retries', tooMany, 'throttled'],
    [
      'answered with an API without an id',
      () => awsJsonReply.ok({ item: [{ name: 'x' }] }),
      'malformed-response',
    ],
    [
      'answered with something that is not JSON',
      () => ({ status: 200, body: null, raw: '<html>' }),
      'malformed-response',
    ],
  ])('fails closed naming apigateway:GET on /restapis when %s', async (_case, reply, kind) => {
    for (let i = 0; i < 4; i++) endpoint.script('GetRestApis', reply() as never);
    const error = await ports()
      .listRestApis()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'apigateway:GET on /restapis', kind });
  });

  it.each<[string, string, string]>([
    ['GetStages', 'apigateway:GET on /restapis/{id}/stages', 'restStages'],
    ['GetUsagePlans', 'apigateway:GET on /usageplans', 'listUsagePlans'],
  ])('fails closed naming the path when %s is denied or malformed', async (operation, action, method) => {
    endpoint.script(operation, awsJsonReply.error('AccessDeniedException', 'not allowed', 403));
    const call = () => (method === 'restStages' ? ports().restStages(REST_API) : ports().listUsagePlans());
    await expect(call()).rejects.toMatchObject({ action, kind: 'access-denied' });
    endpoint.script(
      operation,
      awsJsonReply.ok(
        operation === 'GetStages' ? { item: [{ tracingEnabled: true }] } : { item: [{ name: 'no-id' }] },
      ),
    );
    await expect(call()).rejects.toMatchObject({ action, kind: 'malformed-response' });
  });
});

describe('HTTP APIs (API Gateway v2)', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: ApiGatewayV2Client;
  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({
      targetPrefix: 'apigateway',
      restOperations: { 'GET /v2/apis': 'GetApis', 'GET /v2/apis/h1/stages': 'GetStages' },
    });
    client = new ApiGatewayV2Client(clientOptions(endpoint.url));
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });
  const ports = () => httpApiPortsFromClient(client);

  it('lists every API with its CORS configuration, asking for the page size and following nextToken', async () => {
    endpoint.script(
      'GetApis',
      awsJsonReply.ok({
        items: [
          {
            apiId: 'h1',
            name: 'webhooks',
            protocolType: 'HTTP',
            routeSelectionExpression: '$request.method $request.path',
            corsConfiguration: {
              allowOrigins: ['https://shop.example.com'],
              allowCredentials: true,
              allowMethods: ['POST'],
            },
          },
        ],
        nextToken: 't2',
      }),
      tooMany(),
      awsJsonReply.ok({
        items: [
          {
            apiId: 'w1',
            name: 'live',
            protocolType: 'WEBSOCKET',
            routeSelectionExpression: '$request.body.action',
          },
        ],
      }),
    );
    expect(await ports().listHttpApis()).toEqual([
      {
        ...HTTP_API,
        cors: { allowOrigins: ['https://shop.example.com'], allowCredentials: true, allowMethods: ['POST'] },
      },
      { id: 'w1', name: 'live', arn: 'arn:aws:apigateway:eu-west-1::/apis/w1', protocolType: 'WEBSOCKET' },
    ]);
    expect(endpoint.callsTo('GetApis').map((c) => c.query)).toEqual([
      { maxResults: HTTP_PAGE_SIZE },
      { maxResults: HTTP_PAGE_SIZE, nextToken: 't2' },
      { maxResults: HTTP_PAGE_SIZE, nextToken: 't2' },
    ]);
  });

  it("reads every page of an API's stages: the default route throttle and the throttled routes", async () => {
    endpoint.script(
      'GetStages',
      awsJsonReply.ok({
        items: [
          {
            stageName: '$default',
            defaultRouteSettings: { throttlingRateLimit: 100, throttlingBurstLimit: 200 },
            routeSettings: {
              'POST /orders': { throttlingRateLimit: 5 },
              'GET /orders': { detailedMetricsEnabled: true },
            },
          },
        ],
        nextToken: 's2',
      }),
      awsJsonReply.ok({ items: [{ stageName: 'beta' }] }),
    );
    expect(await ports().httpStages(HTTP_API)).toEqual([
      {
        apiId: 'h1',
        name: '$default',
        arn: 'arn:aws:apigateway:eu-west-1::/apis/h1/stages/$default',
        defaultThrottle: { rateLimit: 100, burstLimit: 200 },
        throttledRoutes: ['POST /orders'],
      },
      {
        apiId: 'h1',
        name: 'beta',
        arn: 'arn:aws:apigateway:eu-west-1::/apis/h1/stages/beta',
        throttledRoutes: [],
      },
    ]);
    expect(endpoint.callsTo('GetStages').map((c) => c.query)).toEqual([
      { maxResults: HTTP_PAGE_SIZE },
      { maxResults: HTTP_PAGE_SIZE, nextToken: 's2' },
    ]);
  });

  it('fails closed, never loops, when a token comes back twice', async () => {
    const page = awsJsonReply.ok({ items: [], nextToken: 'same' });
    endpoint.script('GetApis', page, page, page);
    await expect(ports().listHttpApis()).rejects.toMatchObject({
      action: 'apigateway:GET on /apis',
      kind: 'malformed-response',
    });
    expect(endpoint.callsTo('GetApis')).toHaveLength(2);
  });

  it.each<[string, () => unknown, string]>([
    ['denied', () => awsJsonReply.error('AccessDeniedException', 'not allowed', 403), 'access-denied'],
    ['throttled past the retries', tooMany, 'throttled'],
    [
      'answered with an API without a protocol',
      () => awsJsonReply.ok({ items: [{ apiId: 'x', name: 'x' }] }),
      'malformed-response',
    ],
  ])('fails closed naming apigateway:GET on /apis when %s', async (_case, reply, kind) => {
    for (let i = 0; i < 4; i++) endpoint.script('GetApis', reply() as never);
    await expect(ports().listHttpApis()).rejects.toMatchObject({ action: 'apigateway:GET on /apis', kind });
  });

  it('fails closed naming apigateway:GET on /apis/{id}/stages when the stages are denied or malformed', async () => {
    endpoint.script('GetStages', awsJsonReply.error('AccessDeniedException', 'not allowed', 403));
    await expect(ports().httpStages(HTTP_API)).rejects.toMatchObject({
      action: 'apigateway:GET on /apis/{id}/stages',
      kind: 'access-denied',
    });
    endpoint.script('GetStages', awsJsonReply.ok({ items: [{ description: 'no name' }] }));
    await expect(ports().httpStages(HTTP_API)).rejects.toMatchObject({
      action: 'apigateway:GET on /apis/{id}/stages',
      kind: 'malformed-response',
    });
  });
});
