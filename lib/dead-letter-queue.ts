import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What lands here, in words: shown in the depth alarm and the acknowledgements. */
  readonly holds: string;
}

/**
 * Where something Preflight runs asynchronously ends up when it could not be delivered or did not
 * succeed: encrypted, TLS only, kept 14 days. The stack alarms on every one of these queues holding
 * a message (see `SelfAlarms`), so nothing fails without someone being told.
 */
export class DeadLetterQueue extends sqs.Queue {
  readonly holds: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.holds = props.holds;
    const reason = `This queue is itself a dead-letter queue (${props.holds}); nothing reads it but people, after its depth alarm.`;
    Validations.of(this).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-SQS3', reason },
      { id: 'Serverless::Serverless-SQSRedrivePolicy', reason },
      { id: 'cdk-validator-cfnguard::sqs_dlq_check', reason },
    );
  }
}
