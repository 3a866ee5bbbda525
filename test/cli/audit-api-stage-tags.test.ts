import {
  GetRestApisCommand,
  GetStagesCommand,
  type GetStagesCommandInput,
} from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetStagesCommand as GetHttpStagesCommand,
  type GetStagesCommandInput as GetHttpStagesCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import {
  GetResourcesCommand,
  type GetResourcesCommandInput,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import {
  apiGatewayFindings,
  auditTaggedService,
  taggedServiceConfigFile,
} from '../support/tagged-service-audit';

/*
 * `preflight audit --service` when the service's tag is on an API Gateway stage and not on its API
 * (CDK and CloudFormation users often tag stages): the tagged stage is the service's and is judged
 * by the tracing and rate-limiting checks; the API's other stages and other APIs are not.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const api = (path: string) => `arn:aws:apigateway:${REGION}::${path}`;

/** The tagged resources, by resource type as the tagging API's ResourceTypeFilters name them. */
let tagged: Record<string, string[]> = {};

const account = stubHealthyAccount(new Date());
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterAll(() => {
  account.restore();
  tagging.restore();
});

const audit = async (check: string) =>
  (await auditTaggedService(taggedServiceConfigFile(ACCOUNT, REGION), check)).report;

beforeEach(() => {
  account.install();
  tagging.reset();
  tagged = {};
  account.pipelineCaller(ACCOUNT);
  // The tagging API answers the types asked for, each as it names it (a stage is its own type).
  tagging.on(GetResourcesCommand).callsFake((input: GetResourcesCommandInput) => ({
    ResourceTagMappingList: (input.ResourceTypeFilters ?? [])
      .flatMap((type) => tagged[type] ?? [])
      .map((ResourceARN) => ({ ResourceARN })),
    PaginationToken: '',
  }));
  account.mocks.restApis.on(GetRestApisCommand).resolves({
    items: [
      { id: 'orders1', name: 'orders-api', endpointConfiguration: { types: ['REGIONAL'] } },
      { id: 'other1', name: 'other-api', endpointConfiguration: { types: ['REGIONAL'] } },
    ],
  });
  account.mocks.restApis.on(GetStagesCommand).callsFake((_input: GetStagesCommandInput) => ({
    item: ['prod', 'dev'].map((stageName) => ({
      stageName,
      tracingEnabled: true,
      methodSettings: { '*/*': { throttlingRateLimit: 100, throttlingBurstLimit: 50 } },
    })),
  }));
  account.mocks.httpApis.on(GetApisCommand).resolves({
    Items: [
      {
        ApiId: 'http1',
        Name: 'orders-http',
        ProtocolType: 'HTTP',
        RouteSelectionExpression: '$request.method $request.path',
      },
    ],
  });
  account.mocks.httpApis.on(GetHttpStagesCommand).callsFake((_input: GetHttpStagesCommandInput) => ({
    Items: ['$default', 'beta'].map((StageName) => ({
      StageName,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 },
    })),
  }));
});

const stagesAsked = () => ({
  rest: account.mocks.restApis.commandCalls(GetStagesCommand).map((c) => c.args[0].input.restApiId),
  http: account.mocks.httpApis.commandCalls(GetHttpStagesCommand).map((c) => c.args[0].input.ApiId),
});

describe('preflight audit: a service tag on an API Gateway stage alone', () => {
  it('tracing judges the tagged REST stage only, and reads no other API', async () => {
    tagged = { 'apigateway:restapis/stages': [api('/restapis/orders1/stages/prod')] };
    const report = await audit('tracing');

    expect(apiGatewayFindings(report)).toEqual(['stage-tracing /restapis/orders1/stages/prod PASS']);
    expect(stagesAsked().rest).toEqual(['orders1']);
    expect(report.scope?.resources.map((r) => r.arn)).toContain(api('/restapis/orders1/stages/prod'));
  });

  it('rate-limiting judges the tagged REST and HTTP stages only', async () => {
    tagged = {
      'apigateway:restapis/stages': [api('/restapis/orders1/stages/prod')],
      'apigateway:apis/stages': [api('/apis/http1/stages/$default')],
    };
    const report = await audit('rate-limiting');

    expect([...new Set(apiGatewayFindings(report).map((line) => line.split(' ')[1]))].sort()).toEqual([
      '/apis/http1/stages/$default',
      '/restapis/orders1/stages/prod',
    ]);
    expect(stagesAsked()).toEqual({ rest: ['orders1'], http: ['http1'] });
  });

  it('a tag on the API still brings every stage of it', async () => {
    tagged = {
      'apigateway:restapis': [api('/restapis/orders1')],
      'apigateway:restapis/stages': [api('/restapis/orders1/stages/prod')],
    };
    const report = await audit('tracing');

    expect(apiGatewayFindings(report)).toEqual([
      'stage-tracing /restapis/orders1/stages/dev PASS',
      'stage-tracing /restapis/orders1/stages/prod PASS',
    ]);
    expect(stagesAsked().rest).toEqual(['orders1']);
  });
});
