import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import { PreflightKey } from './preflight-key';

export interface AlertTopicProps {
  /** Addresses that receive the full reports by email. @default - none */
  readonly emails?: readonly string[];
  /** E.164 numbers that receive short alerts by SMS. @default - none */
  readonly phoneNumbers?: readonly string[];
  /** Report verdicts that reach email subscribers. @default every verdict */
  readonly emailVerdicts?: readonly Verdict[];
  /** Report verdicts that reach SMS subscribers. @default every verdict */
  readonly smsVerdicts?: readonly Verdict[];
}

type Verdict = 'PASS' | 'FAIL' | 'ERROR';
const ALL_VERDICTS: readonly Verdict[] = ['PASS', 'FAIL', 'ERROR'];

/**
 * Reports carry a `verdict` attribute; everything else (alarms, sign-off requests) carries none and
 * must still reach everyone, hence `exists: false` beside the wanted verdicts.
 */
function verdictFilter(
  verdicts: readonly Verdict[] | undefined,
): { [name: string]: sns.SubscriptionFilter } | undefined {
  if (verdicts === undefined || ALL_VERDICTS.every((v) => verdicts.includes(v))) return undefined;
  return { verdict: new sns.SubscriptionFilter([{ exists: false }, ...verdicts]) };
}

/**
 * CloudWatch publishes an alarm's notification as its service principal, on behalf of the alarm:
 * these conditions hold it to alarms of this account and region. The Amazon SNS Developer Guide
 * ("Enable compatibility between event sources from AWS services and encrypted topics",
 * sns-key-management.html#compatibility-with-aws-services) has the key policy grant the service
 * `kms:GenerateDataKey*` and `kms:Decrypt` and add `aws:SourceAccount` and `aws:SourceArn` against
 * confused deputies; for CloudWatch the source is the alarm (`arn:...:cloudwatch:<region>:<account>:alarm:<name>`,
 * as a refused alarm action names it in the alarm's history).
 */
function fromThisAccountsAlarms(stack: Stack): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: {
      'aws:SourceArn': stack.formatArn({
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: '*',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    },
  };
}

/**
 * The topic Preflight alerts through, encrypted with its own customer-managed key (rotated yearly)
 * and refusing unencrypted transport. The stack's CloudWatch alarms may publish to it, and use its
 * key to do so; nothing else is allowed by the topic's policy.
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: PreflightKey;
  /** Alerts SNS could not deliver to a subscriber, kept 14 days for inspection. */
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    this.key = new PreflightKey(this, 'Key', { description: 'Encrypts the Preflight alert topic' });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsOfThisAccountPublish',
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromThisAccountsAlarms(stack),
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Preflight alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsOfThisAccountPublish',
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccountsAlarms(stack),
      }),
    );
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      holds: 'alerts SNS could not deliver to an email or SMS subscriber',
    });
    const deadLetterQueue = this.undelivered;
    for (const email of props.emails ?? []) {
      const filterPolicy = verdictFilter(props.emailVerdicts);
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(email, {
          deadLetterQueue,
          ...(filterPolicy ? { filterPolicy } : {}),
        }),
      );
    }
    // SmsSubscription drops deadLetterQueue, so the SMS subscriptions are declared directly.
    (props.phoneNumbers ?? []).forEach((endpoint, index) => {
      new sns.Subscription(this, `Sms${index}`, {
        topic: this.topic,
        protocol: sns.SubscriptionProtocol.SMS,
        endpoint,
        deadLetterQueue,
        filterPolicy: verdictFilter(props.smsVerdicts),
      });
    });
  }
}
