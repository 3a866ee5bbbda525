import type { Alarm } from './ports';
import { isSnsTopicArn, topicName } from './targets';
import type { TopicOutcome, TopicOutcomes } from './topics';

/** An ALARM action that reaches nobody, and why. */
export interface DeadTarget {
  readonly target: string;
  readonly why: string;
}

/** A topic whose lookup failed. */
export interface UnknownTarget {
  readonly target: string;
  readonly outcome: Extract<TopicOutcome, { status: 'error' }>;
}

/** Whether an alarm's own ALARM actions reach anyone. */
export type Delivery =
  | { readonly kind: 'disabled' }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'notifies';
      readonly working: readonly string[];
      readonly dead: readonly DeadTarget[];
      readonly unknown: readonly UnknownTarget[];
    }
  | {
      readonly kind: 'unknown';
      readonly dead: readonly DeadTarget[];
      readonly unknown: readonly UnknownTarget[];
    }
  | { readonly kind: 'dead'; readonly dead: readonly DeadTarget[] };

const NOT_LOOKED_UP: UnknownTarget['outcome'] = {
  status: 'error',
  message: 'Could not evaluate: the topic was not looked up.',
  remediation: 'This is a Preflight defect; report it with the evidence.',
  code: 'NotLookedUp',
};

/**
 * The AWS managed key `aws/sns`: its key policy cannot be changed and does not let CloudWatch use it,
 * so an alarm cannot publish to a topic it encrypts (the alarm history says "CloudWatch Alarms does
 * not have authorization to access the SNS topic encryption key"), whatever the subscriptions.
 */
function isAwsManagedSnsKey(keyId: string | null): boolean {
  return keyId !== null && /(^|:)alias\/aws\/sns$/.test(keyId);
}

const AWS_MANAGED_KEY_WHY =
  'encrypted with the AWS managed key aws/sns, which CloudWatch cannot use to publish: use a customer managed key that allows cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*';

/**
 * Judges an alarm's own ALARM actions. Non-SNS actions (Auto Scaling, Lambda, SSM, EC2) act by
 * themselves and count as working; an SNS topic works only with at least one confirmed subscription,
 * and not when the AWS managed key aws/sns encrypts it.
 */
export function deliveryOf(alarm: Alarm, topics: TopicOutcomes): Delivery {
  if (!alarm.actionsEnabled) return { kind: 'disabled' };
  if (alarm.alarmActions.length === 0) return { kind: 'none' };
  const working: string[] = [];
  const dead: DeadTarget[] = [];
  const unknown: UnknownTarget[] = [];
  for (const target of new Set(alarm.alarmActions)) {
    if (!isSnsTopicArn(target)) {
      working.push(target);
      continue;
    }
    const outcome = topics.get(target) ?? NOT_LOOKED_UP;
    if (outcome.status === 'error') unknown.push({ target, outcome });
    else if (outcome.status === 'not-found') dead.push({ target, why: 'topic does not exist' });
    else if (outcome.confirmed > 0 && isAwsManagedSnsKey(outcome.kmsMasterKeyId))
      dead.push({ target, why: AWS_MANAGED_KEY_WHY });
    else if (outcome.confirmed > 0) working.push(`${topicName(target)} (${outcome.confirmed} confirmed)`);
    else dead.push({ target, why: `no confirmed subscription, ${outcome.pending} pending confirmation` });
  }
  if (working.length > 0) return { kind: 'notifies', working, dead, unknown };
  if (unknown.length > 0) return { kind: 'unknown', dead, unknown };
  return { kind: 'dead', dead };
}
