import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { topicSubscriptions } from '../../../lambdas/aws/alarms/sns';
import { AwsCallError } from '../../../lambdas/core/errors';

const sns = mockClient(SNSClient);

afterAll(() => {
  sns.restore();
});
const client = new SNSClient({ region: 'eu-west-1' });
const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:ops-alerts';

function subscription(arn: string) {
  return { SubscriptionArn: arn, TopicArn: TOPIC, Protocol: 'email', Endpoint: 'ops@example.com' };
}

describe('topicSubscriptions', () => {
  beforeEach(() => {
    sns.reset();
  });

  it('counts confirmed and pending subscriptions across pages', async () => {
    // Arrange
    sns
      .on(ListSubscriptionsByTopicCommand)
      .resolvesOnce({
        Subscriptions: [
          subscription(`${TOPIC}:0b6941c2-7f5a-4c5e-9d3f-1a2b3c4d5e6f`),
          subscription('PendingConfirmation'),
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Subscriptions: [
          subscription(`${TOPIC}:5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b`),
          subscription('Deleted'),
        ],
      });

    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { TopicArn: TOPIC } });

    // Act
    const result = await topicSubscriptions(client, TOPIC);

    // Assert
    expect(result).toEqual({ exists: true, confirmed: 2, pending: 1, kmsMasterKeyId: null });
    expect(sns).toHaveReceivedCommandTimes(ListSubscriptionsByTopicCommand, 2);
    expect(sns).toHaveReceivedNthCommandWith(ListSubscriptionsByTopicCommand, 2, {
      TopicArn: TOPIC,
      NextToken: 'page-2',
    });
  });

  it('reports a topic with no subscriptions as existing with none confirmed', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });

    await expect(topicSubscriptions(client, TOPIC)).resolves.toEqual({
      exists: true,
      confirmed: 0,
      pending: 0,
      kmsMasterKeyId: null,
    });
    // Nobody listens: the topic's key does not matter and is not asked for.
    expect(sns).toHaveReceivedCommandTimes(GetTopicAttributesCommand, 0);
  });

  it('reads the key of a topic someone listens to, and fails closed on an answer without attributes', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription(`${TOPIC}:1`)] });
    sns.on(GetTopicAttributesCommand).resolvesOnce({ Attributes: { KmsMasterKeyId: 'alias/aws/sns' } });

    await expect(topicSubscriptions(client, TOPIC)).resolves.toEqual({
      exists: true,
      confirmed: 1,
      pending: 0,
      kmsMasterKeyId: 'alias/aws/sns',
    });

    sns.on(GetTopicAttributesCommand).resolves({});
    await expect(topicSubscriptions(client, TOPIC)).rejects.toMatchObject({
      action: 'sns:GetTopicAttributes',
      code: 'MissingField',
    });
  });

  it('reports a topic that does not exist', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand)
      .rejects(
        new NotFoundException({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } }),
      );

    await expect(topicSubscriptions(client, TOPIC)).resolves.toEqual({ exists: false });
  });

  it('turns an authorization error into an AwsCallError naming sns:ListSubscriptionsByTopic', async () => {
    sns
      .on(ListSubscriptionsByTopicCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AuthorizationErrorException' }));

    const failure = topicSubscriptions(client, TOPIC);

    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      action: 'sns:ListSubscriptionsByTopic',
      kind: 'access-denied',
    });
  });
});

describe('topicSubscriptions: a topic naming its key by ARN', () => {
  const kms = mockClient(KMSClient);
  const keys = new KMSClient({ region: 'eu-west-1' });
  const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/5e6f';
  afterAll(() => {
    kms.restore();
  });
  beforeEach(() => {
    sns.reset();
    kms.reset();
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription(`${TOPIC}:0b69`)] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { KmsMasterKeyId: KEY } });
  });

  it.each([
    ['the AWS managed key (KeyManager AWS) as alias/aws/sns', 'AWS', 'alias/aws/sns'],
    ['a customer managed key as named', 'CUSTOMER', KEY],
  ])('answers %s', async (_case, keyManager, expected) => {
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: '5e6f', KeyManager: keyManager as never } });

    const topic = await topicSubscriptions(client, TOPIC, keys);

    expect(topic).toMatchObject({ exists: true, confirmed: 1, kmsMasterKeyId: expected });
    expect(kms.commandCalls(DescribeKeyCommand)[0]?.args[0].input.KeyId).toBe(KEY);
  });

  it('answers the key as named when DescribeKey is denied (another account’s key)', async () => {
    kms.on(DescribeKeyCommand).rejects(
      Object.assign(new Error('not authorized to perform: kms:DescribeKey'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    const topic = await topicSubscriptions(client, TOPIC, keys);

    expect(topic).toMatchObject({ kmsMasterKeyId: KEY });
  });

  it('does not describe a key named by alias', async () => {
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: { KmsMasterKeyId: 'alias/aws/sns' } });

    await topicSubscriptions(client, TOPIC, keys);

    expect(kms.commandCalls(DescribeKeyCommand)).toHaveLength(0);
  });
});
