import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deploysPortsFromClients } from '../../../lambdas/aws/deploys';
import { automationExecutions, EXECUTIONS_PAGE_SIZE } from '../../../lambdas/aws/deploys/ssm';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';
import { localClientConfig } from './local-clients';

const NOW = new Date('2026-03-10T12:00:00Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;
const execution = (id: string, document: string, status: string, started: string) => ({
  AutomationExecutionId: id,
  DocumentName: document,
  AutomationExecutionStatus: status,
  ExecutionStartTime: seconds(started),
  ExecutionEndTime: seconds(started) + 600,
});

describe('SSM Automation runs through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: SSMClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'AmazonSSM' });
    client = new SSMClient(localClientConfig(endpoint.url));
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it("filters by the document and the period at the largest page, follows tokens, keeps that document's runs only", async () => {
    endpoint.script(
      'DescribeAutomationExecutions',
      awsJsonReply.throttle(),
      awsJsonReply.ok({
        AutomationExecutionMetadataList: [
          execution('e-1', 'orders-rollback', 'Success', '2026-03-01T00:00:00Z'),
        ],
        NextToken: 'p2',
      }),
      awsJsonReply.ok({
        // The prefix filter also matches longer names: dropped.
        AutomationExecutionMetadataList: [
          execution('e-2', 'orders-rollback-drill', 'Failed', '2026-03-02T00:00:00Z'),
        ],
      }),
    );
    const since = new Date('2025-12-10T12:00:00Z');
    const runs = await automationExecutions(client, 'orders-rollback', since);
    expect(runs).toEqual([
      {
        id: 'e-1',
        documentName: 'orders-rollback',
        status: 'Success',
        startedAt: new Date('2026-03-01T00:00:00Z'),
        endedAt: new Date('2026-03-01T00:10:00Z'),
      },
    ]);
    const filters = [
      { Key: 'DocumentNamePrefix', Values: ['orders-rollback'] },
      { Key: 'StartTimeAfter', Values: [since.toISOString()] },
    ];
    expect(endpoint.callsTo('DescribeAutomationExecutions').map((c) => c.body)).toEqual([
      { Filters: filters, MaxResults: EXECUTIONS_PAGE_SIZE },
      { Filters: filters, MaxResults: EXECUTIONS_PAGE_SIZE },
      { Filters: filters, MaxResults: EXECUTIONS_PAGE_SIZE, NextToken: 'p2' },
    ]);
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () =>
        endpoint.script('DescribeAutomationExecutions', awsJsonReply.error('AccessDeniedException', 'no')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () =>
        endpoint.script(
          'DescribeAutomationExecutions',
          ...Array.from({ length: 4 }, () => awsJsonReply.throttle()),
        ),
      'throttled',
    ],
    [
      'answered without a status',
      () =>
        endpoint.script(
          'DescribeAutomationExecutions',
          awsJsonReply.ok({
            AutomationExecutionMetadataList: [
              { AutomationExecutionId: 'e-1', DocumentName: 'orders-rollback' },
            ],
          }),
        ),
      'malformed-response',
    ],
  ])('fails closed naming ssm:DescribeAutomationExecutions when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await automationExecutions(client, 'orders-rollback').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'ssm:DescribeAutomationExecutions', kind });
  });

  it('makes the rollback-tested check ERROR, naming the call, when the runs stay throttled', async () => {
    endpoint.script(
      'DescribeAutomationExecutions',
      ...Array.from({ length: 4 }, () => awsJsonReply.throttle()),
    );
    const deploys = deploysPortsFromClients({
      codedeploy: new CodeDeployClient({ region: 'eu-west-1' }),
      ecs: new ECSClient({ region: 'eu-west-1' }),
      lambda: new LambdaClient({ region: 'eu-west-1' }),
      ssm: client,
    });
    const config = validateConfig({ checks: { 'rollback-tested': { documents: ['orders-rollback'] } } });
    const result = await runCheck('rollback-tested', { deploys } as unknown as AccountPorts, config, NOW);
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'last-run', resource: 'orders-rollback', status: 'ERROR' }),
    ]);
    expect(result.findings[0]?.message).toContain('ssm:DescribeAutomationExecutions');
  });
});
