import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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
 * The topic Preflight alerts through, encrypted with its own customer-managed key (rotated yearly)
 * and refusing unencrypted transport. CloudWatch alarms may publish to it.
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  /** Alerts SNS could not deliver to a subscriber, kept 14 days for inspection. */
  readonly undelivered: sqs.Queue;

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Preflight alert topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch alarms publish as the service, so the service must be able to use the key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Preflight alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.undelivered = new sqs.Queue(this, 'Undelivered', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
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
    Validations.of(this.undelivered).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the alert subscriptions.',
      },
      {
        id: 'Serverless::Serverless-SQSRedrivePolicy',
        reason: 'This queue is itself the dead-letter queue of the alert subscriptions.',
      },
    );
  }
}
