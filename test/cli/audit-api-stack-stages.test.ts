import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import {
  CloudFormationClient,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import {
  GetResourcesCommand,
  type GetResourcesCommandInput,
  ResourceGroupsTaggingAPIClient,
  type ResourceTagMapping,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stubHealthyAccount } from '../support/account-stubs';
import { apiGatewayFindings, auditTaggedService } from '../support/tagged-service-audit';

/*
 * `preflight audit --service` for a service scoped by its CloudFormation stack, when the stack
 * creates an API Gateway stage on an API it does not create (a shared API): the stack names the
 * stage by its name alone, so the stage is found by the tags CloudFormation puts on it
 * (`aws:cloudformation:stack-name`, `aws:cloudformation:logical-id`), and tracing and rate-limiting
 * judge it. A stage that cannot be found is an ERROR, never a silent pass.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const STACK = 'orders-api-stages';
const api = (path: string) => `arn:aws:apigateway:${REGION}::${path}`;

const account = stubHealthyAccount(new Date());
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterAll(() => {
  account.restore();
  tagging.restore();
});
const cloudformation = mockClient(CloudFormationClient);
afterAll(() => cloudformation.restore());

/** The stack's resources, and the resources CloudFormation tagged as the stack's. */
let stackResources: StackResourceSummary[] = [];
let systemTagged: Record<string, ResourceTagMapping[]> = {};

const resource = (LogicalResourceId: string, ResourceType: string, PhysicalResourceId: string) => ({
  LogicalResourceId,
  ResourceType,
  PhysicalResourceId,
  ResourceStatus: 'CREATE_COMPLETE' as const,
  LastUpdatedTimestamp: new Date(),
});
const taggedByStack = (ResourceARN: string, logicalId: string): ResourceTagMapping => ({
  ResourceARN,
  Tags: [
    { Key: 'aws:cloudformation:stack-name', Value: STACK },
    { Key: 'aws:cloudformation:logical-id', Value: logicalId },
  ],
});

function configFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'preflight-stack-stages-')), 'preflight.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: { prod: { account: ACCOUNT, region: REGION } },
      services: { orders: { environments: ['prod'], resources: { stacks: [STACK] } } },
    }),
  );
  return file;
}

const audit = async (check: string) => (await auditTaggedService(configFile(), check)).report;

beforeEach(() => {
  account.install();
  tagging.reset();
  cloudformation.reset();
  stackResources = [];
  systemTagged = {};
  account.pipelineCaller(ACCOUNT);
  cloudformation.on(ListStackResourcesCommand, { StackName: STACK }).callsFake(() => ({
    StackResourceSummaries: stackResources,
  }));
  // The tagging API answers a filter on the stack's CloudFormation tag, for the types asked.
  tagging.on(GetResourcesCommand).callsFake((input: GetResourcesCommandInput) => {
    const byStack = input.TagFilters?.some(
      (f) => f.Key === 'aws:cloudformation:stack-name' && f.Values?.includes(STACK),
    );
    return {
      ResourceTagMappingList: byStack
        ? (input.ResourceTypeFilters ?? []).flatMap((type) => systemTagged[type] ?? [])
        : [],
      PaginationToken: '',
    };
  });
  account.mocks.restApis.on(GetRestApisCommand).resolves({
    items: [
      { id: 'shared1', name: 'shared-api', endpointConfiguration: { types: ['REGIONAL'] } },
      { id: 'other1', name: 'other-api', endpointConfiguration: { types: ['REGIONAL'] } },
    ],
  });
  account.mocks.restApis.on(GetStagesCommand).resolves({
    item: ['prod', 'dev'].map((stageName) => ({ stageName, tracingEnabled: false })),
  });
  account.mocks.httpApis.on(GetApisCommand).resolves({
    Items: [
      {
        ApiId: 'http1',
        Name: 'shared-http',
        ProtocolType: 'HTTP',
        RouteSelectionExpression: '$request.method',
      },
    ],
  });
  account.mocks.httpApis.on(GetHttpStagesCommand).resolves({
    Items: ['$default', 'beta'].map((StageName) => ({ StageName })),
  });
});

describe('preflight audit: a stage created by the service stack on an API it does not create', () => {
  it('tracing judges the stack’s REST stage only, with the stack as the reason', async () => {
    stackResources = [resource('ProdStage', 'AWS::ApiGateway::Stage', 'prod')];
    systemTagged = {
      'apigateway:restapis/stages': [taggedByStack(api('/restapis/shared1/stages/prod'), 'ProdStage')],
    };
    const report = await audit('tracing');

    expect(apiGatewayFindings(report)).toEqual(['stage-tracing /restapis/shared1/stages/prod FAIL']);
    expect(
      account.mocks.restApis.commandCalls(GetStagesCommand).map((c) => c.args[0].input.restApiId),
    ).toEqual(['shared1']);
    expect(report.scope?.resources).toContainEqual(
      expect.objectContaining({
        arn: api('/restapis/shared1/stages/prod'),
        why: [`stack ${STACK} (ProdStage)`],
      }),
    );
  });

  it('rate-limiting judges the stack’s REST and HTTP stages only', async () => {
    stackResources = [
      resource('ProdStage', 'AWS::ApiGateway::Stage', 'prod'),
      resource('HttpStage', 'AWS::ApiGatewayV2::Stage', '$default'),
    ];
    systemTagged = {
      'apigateway:restapis/stages': [taggedByStack(api('/restapis/shared1/stages/prod'), 'ProdStage')],
      'apigateway:apis/stages': [taggedByStack(api('/apis/http1/stages/$default'), 'HttpStage')],
    };
    const report = await audit('rate-limiting');

    expect([...new Set(apiGatewayFindings(report).map((line) => line.split(' ')[1]))].sort()).toEqual([
      '/apis/http1/stages/$default',
      '/restapis/shared1/stages/prod',
    ]);
  });

  it('does not take a stage of another stack, or one whose name differs, for the stack’s stage', async () => {
    stackResources = [resource('ProdStage', 'AWS::ApiGateway::Stage', 'prod')];
    systemTagged = {
      'apigateway:restapis/stages': [
        taggedByStack(api('/restapis/other1/stages/dev'), 'ProdStage'),
        taggedByStack(api('/restapis/shared1/stages/prod'), 'ProdStage'),
      ],
    };
    const report = await audit('tracing');

    expect(apiGatewayFindings(report)).toEqual(['stage-tracing /restapis/shared1/stages/prod FAIL']);
  });

  it('reports an ERROR naming the stage when the stack’s stage cannot be found', async () => {
    stackResources = [resource('ProdStage', 'AWS::ApiGateway::Stage', 'prod')];
    const report = await audit('tracing');

    expect(report.checks.find((c) => c.checkId === 'tracing')?.status).toBe('ERROR');
    expect(report.findings.filter((f) => f.status === 'ERROR').map((f) => f.message)).toEqual([
      expect.stringMatching(/ProdStage \(prod, AWS::ApiGateway::Stage\).*resources\.arns/),
    ]);
    expect(report.verdict).toBe('ERROR');
  });
});
