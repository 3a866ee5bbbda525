import { paginateListSubscriptionsByTopic, type SNSClient } from '@aws-sdk/client-sns';
import type { TopicSubscriptions } from '../../core/checks/alarms/ports';
import { AwsCallError } from '../../core/errors';
import { collectPages } from '../call';

/** SNS writes this instead of an ARN until the endpoint's owner confirms the subscription. */
const PENDING = 'PendingConfirmation';

/**
 * The subscriptions of one topic. Per topic rather than account-wide ListTopics + ListSubscriptions:
 * alarms typically target a handful of topics while an account may hold hundreds of topics and
 * subscriptions, so this makes fewer calls; it also sees topics owned by another account, and its
 * NotFound tells whether the topic exists at no extra cost.
 */
export async function topicSubscriptions(client: SNSClient, topicArn: string): Promise<TopicSubscriptions> {
  try {
    const arns = await collectPages(
      'sns:ListSubscriptionsByTopic',
      paginateListSubscriptionsByTopic({ client }, { TopicArn: topicArn }),
      (page) => (page.Subscriptions ?? []).map((s) => s.SubscriptionArn ?? ''),
    );
    // A confirmed subscription has a real ARN; pending and deleted ones carry a placeholder word.
    const confirmed = arns.filter((arn) => arn.startsWith('arn:')).length;
    const pending = arns.filter((arn) => arn === PENDING).length;
    return { exists: true, confirmed, pending };
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return { exists: false };
    throw error;
  }
}
