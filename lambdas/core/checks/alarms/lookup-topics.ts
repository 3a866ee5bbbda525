import { mapWithConcurrency } from '../../concurrency';
import { explainError } from '../../errors';
import type { Alarm, AlarmsPorts } from './ports';
import { isSnsTopicArn } from './targets';
import type { TopicOutcome, TopicOutcomes } from './topics';

/** Topic lookups in flight at once: a few alarms' topics, well under SNS's per-account rate. */
export const TOPIC_LOOKUP_CONCURRENCY = 5;

/** The distinct SNS topics targeted by the ALARM actions of alarms whose actions are enabled. */
export function alarmTopics(alarms: readonly Alarm[]): string[] {
  const topics = new Set<string>();
  for (const alarm of alarms) {
    if (!alarm.actionsEnabled) continue; // disabled actions fail whatever the topic holds
    for (const action of alarm.alarmActions) if (isSnsTopicArn(action)) topics.add(action);
  }
  return [...topics].sort();
}

/**
 * Looks up each topic once, with bounded concurrency. A failed lookup becomes an `error` outcome,
 * so only the alarms using that topic report ERROR and the others still report.
 */
export async function lookUpTopics(ports: AlarmsPorts, topicArns: readonly string[]): Promise<TopicOutcomes> {
  const outcomes = await mapWithConcurrency(
    topicArns,
    TOPIC_LOOKUP_CONCURRENCY,
    async (arn): Promise<TopicOutcome> => {
      try {
        const topic = await ports.topicSubscriptions(arn);
        return topic.exists
          ? {
              status: 'found',
              confirmed: topic.confirmed,
              pending: topic.pending,
              kmsMasterKeyId: topic.kmsMasterKeyId,
            }
          : { status: 'not-found' };
      } catch (error) {
        return { status: 'error', ...explainError(error) };
      }
    },
  );
  return new Map(topicArns.map((arn, index) => [arn, outcomes[index] as TopicOutcome]));
}
