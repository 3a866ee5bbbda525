import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import {
  GetTopicAttributesCommand,
  paginateListSubscriptionsByTopic,
  type SNSClient,
} from '@aws-sdk/client-sns';
import type { TopicSubscriptions } from '../../core/checks/alarms/ports';
import { AwsCallError } from '../../core/errors';
import { callAws, collectPages } from '../call';
import { required } from '../required';

/** SNS writes this instead of an ARN until the endpoint's owner confirms the subscription. */
const PENDING = 'PendingConfirmation';

const GET_TOPIC_ATTRIBUTES = 'sns:GetTopicAttributes';

const DESCRIBE_KEY = 'kms:DescribeKey';

/** The alias every AWS managed key a topic may use goes by: CloudWatch cannot publish through it. */
export const AWS_MANAGED_SNS_KEY = 'alias/aws/sns';

/**
 * The KMS key that encrypts the topic (`KmsMasterKeyId`), `null` when it is not encrypted. A topic
 * may name the AWS managed key aws/sns by its key ARN or id: a key named so is described, and one
 * KMS says AWS manages is answered as `alias/aws/sns`. A key that cannot be described (another
 * account's key whose policy does not let this one read it) is answered as named.
 */
async function topicKey(
  client: SNSClient,
  kms: KMSClient | undefined,
  topicArn: string,
): Promise<string | null> {
  const output = await callAws(GET_TOPIC_ATTRIBUTES, () =>
    client.send(new GetTopicAttributesCommand({ TopicArn: topicArn })),
  );
  const attributes = required(GET_TOPIC_ATTRIBUTES, 'Attributes', output.Attributes);
  const key = attributes.KmsMasterKeyId;
  if (key === undefined || key === '') return null;
  if (kms === undefined || /(^|:)alias\//.test(key)) return key;
  try {
    const described = await callAws(DESCRIBE_KEY, () => kms.send(new DescribeKeyCommand({ KeyId: key })));
    return described.KeyMetadata?.KeyManager === 'AWS' ? AWS_MANAGED_SNS_KEY : key;
  } catch (error) {
    if (error instanceof AwsCallError) return key;
    throw error;
  }
}

/**
 * The subscriptions of one topic, and the key that encrypts it when someone is subscribed. Per topic rather than account-wide ListTopics + ListSubscriptions:
 * alarms typically target a handful of topics while an account may hold hundreds of topics and
 * subscriptions, so this makes fewer calls; it also sees topics owned by another account, and its
 * NotFound tells whether the topic exists at no extra cost.
 */
export async function topicSubscriptions(
  client: SNSClient,
  topicArn: string,
  kms?: KMSClient,
): Promise<TopicSubscriptions> {
  try {
    const arns = await collectPages(
      'sns:ListSubscriptionsByTopic',
      paginateListSubscriptionsByTopic({ client }, { TopicArn: topicArn }),
      (page) => (page.Subscriptions ?? []).map((s) => s.SubscriptionArn ?? ''),
    );
    // A confirmed subscription has a real ARN; pending and deleted ones carry a placeholder word.
    const confirmed = arns.filter((arn) => arn.startsWith('arn:')).length;
    const pending = arns.filter((arn) => arn === PENDING).length;
    // Whether CloudWatch can publish at all depends on the topic's key: asked only when someone listens.
    const kmsMasterKeyId = confirmed === 0 ? null : await topicKey(client, kms, topicArn);
    return { exists: true, confirmed, pending, kmsMasterKeyId };
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return { exists: false };
    throw error;
  }
}
