import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_PER_PAGE, resourcesWithTags } from '../../../lambdas/aws/scope/tagging';
import { AwsCallError, explainError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';

const cert = (id: string) => `arn:aws:acm:eu-west-1:111122223333:certificate/${id}`;

describe('resourcesWithTags (tag:GetResources)', () => {
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  beforeEach(() => tagging.reset());
  // The real SDK below must reach its endpoint, not this mock.
  afterAll(() => tagging.restore());

  it('asks for every tag (ANDed) and the kinds the check judges, 100 a page, and follows every page', async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: cert('a') }], PaginationToken: 'p2' })
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: cert('b') }], PaginationToken: 'p3' })
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: cert('c') }, {}], PaginationToken: '' });

    const arns = await resourcesWithTags(
      new ResourceGroupsTaggingAPIClient({ region: 'eu-west-1' }),
      { service: 'orders-api', team: 'core' },
      ['acm:certificate'],
    );

    expect(arns).toEqual([cert('a'), cert('b'), cert('c')]);
    expect(tagging).toHaveReceivedCommandTimes(GetResourcesCommand, 3);
    expect(tagging).toHaveReceivedNthCommandWith(GetResourcesCommand, 1, {
      TagFilters: [
        { Key: 'service', Values: ['orders-api'] },
        { Key: 'team', Values: ['core'] },
      ],
      ResourceTypeFilters: ['acm:certificate'],
      ResourcesPerPage: RESOURCES_PER_PAGE,
    });
    expect(tagging).toHaveReceivedNthCommandWith(GetResourcesCommand, 3, { PaginationToken: 'p3' });
    expect(RESOURCES_PER_PAGE).toBe(100);
  });

  it("asks for an API kind's stages too: a stage can carry the tag its API does not", async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });

    await resourcesWithTags(
      new ResourceGroupsTaggingAPIClient({ region: 'eu-west-1' }),
      { service: 'orders' },
      ['lambda:function', 'apigateway:restapis', 'apigateway:apis'],
    );

    expect(tagging).toHaveReceivedCommandWith(GetResourcesCommand, {
      ResourceTypeFilters: [
        'lambda:function',
        'apigateway:restapis',
        'apigateway:restapis/stages',
        'apigateway:apis',
        'apigateway:apis/stages',
      ],
    });
  });
});

describe('tag:GetResources through the real SDK: the fault matrix', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: ResourceGroupsTaggingAPIClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'ResourceGroupsTaggingAPI_20170126' });
    client = new ResourceGroupsTaggingAPIClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('retries throttling and still reads every page', async () => {
    endpoint.script(
      'GetResources',
      awsJsonReply.throttle(),
      awsJsonReply.ok({ ResourceTagMappingList: [{ ResourceARN: cert('a') }], PaginationToken: 'p2' }),
      awsJsonReply.throttle(),
      awsJsonReply.ok({ ResourceTagMappingList: [{ ResourceARN: cert('b') }], PaginationToken: '' }),
    );

    const arns = await resourcesWithTags(client, { service: 'orders-api' }, ['acm:certificate']);

    expect(arns).toEqual([cert('a'), cert('b')]);
    expect(endpoint.calls.map((c) => c.body.PaginationToken ?? null)).toEqual([null, null, 'p2', 'p2']);
  });

  it.each([
    [
      'throttled past every retry',
      () => [1, 2, 3, 4].map(() => awsJsonReply.throttle()),
      'throttled',
      /tag:GetResources stayed throttled after retries/,
    ],
    [
      'denied',
      () => [awsJsonReply.error('AccessDeniedException', 'not authorized to perform: tag:GetResources')],
      'access-denied',
      /tag:GetResources was denied/,
    ],
  ])('fails as an AwsCallError naming tag:GetResources when %s', async (_case, replies, kind, message) => {
    endpoint.script('GetResources', ...replies());

    const error = await resourcesWithTags(client, { service: 'orders-api' }, ['acm:certificate']).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'tag:GetResources', kind });
    expect(explainError(error).message).toMatch(message);
  });
});
