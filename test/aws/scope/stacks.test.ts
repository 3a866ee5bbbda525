import {
  CloudFormationClient,
  CloudFormationServiceException,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stackResources } from '../../../lambdas/aws/scope/stacks';
import { AwsCallError, explainError } from '../../../lambdas/core/errors';

const cloudformation = mockClient(CloudFormationClient);

afterAll(() => {
  cloudformation.restore();
});
const client = () => new CloudFormationClient({ region: 'eu-west-1' });
const failure = (name: string, message: string, status = 400) =>
  new CloudFormationServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message,
  });

describe('stackResources (cloudformation:ListStackResources)', () => {
  beforeEach(() => cloudformation.reset());

  it('follows every page and keeps type, logical and physical id', async () => {
    cloudformation
      .on(ListStackResourcesCommand)
      .resolvesOnce({
        StackResourceSummaries: [
          {
            LogicalResourceId: 'Cluster',
            PhysicalResourceId: 'payments-aurora',
            ResourceType: 'AWS::RDS::DBCluster',
            LastUpdatedTimestamp: new Date(),
            ResourceStatus: 'CREATE_COMPLETE',
          },
        ],
        NextToken: 'n2',
      })
      .resolvesOnce({
        StackResourceSummaries: [
          {
            LogicalResourceId: 'Pending',
            PhysicalResourceId: '',
            ResourceType: 'AWS::RDS::DBInstance',
            LastUpdatedTimestamp: new Date(),
            ResourceStatus: 'CREATE_IN_PROGRESS',
          },
        ],
      });

    const resources = await stackResources(client(), 'payments-prod');

    expect(resources).toEqual([
      { logicalId: 'Cluster', type: 'AWS::RDS::DBCluster', physicalId: 'payments-aurora' },
      { logicalId: 'Pending', type: 'AWS::RDS::DBInstance' },
    ]);
    expect(cloudformation).toHaveReceivedNthCommandWith(ListStackResourcesCommand, 1, {
      StackName: 'payments-prod',
    });
    expect(cloudformation).toHaveReceivedNthCommandWith(ListStackResourcesCommand, 2, {
      StackName: 'payments-prod',
      NextToken: 'n2',
    });
  });

  it('answers undefined for a stack that does not exist in the region', async () => {
    cloudformation
      .on(ListStackResourcesCommand)
      .rejects(failure('ValidationError', 'Stack with id payments-prd does not exist'));
    expect(await stackResources(client(), 'payments-prd')).toBeUndefined();
  });

  it.each([
    [
      'AccessDenied',
      'not authorized to perform: cloudformation:ListStackResources',
      403,
      'access-denied',
      /was denied/,
    ],
    ['Throttling', 'Rate exceeded', 400, 'throttled', /stayed throttled/],
  ])('fails naming cloudformation:ListStackResources on %s', async (name, message, status, kind, words) => {
    cloudformation.on(ListStackResourcesCommand).rejects(failure(name, message, status));

    const error = await stackResources(client(), 'payments-prod').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'cloudformation:ListStackResources', kind });
    expect(explainError(error).message).toMatch(words);
  });
});
