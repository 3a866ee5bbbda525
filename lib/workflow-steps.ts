import { Duration } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * Transient Lambda errors beyond those LambdaInvoke already retries (ServiceException,
 * AWSLambdaException, SdkClientException, ClientExecutionTimeoutException): concurrency throttles.
 */
const TRANSIENT_LAMBDA_ERRORS = ['Lambda.TooManyRequestsException'];
const TRANSIENT_SNS_ERRORS = [
  'SNS.ThrottledException',
  'SNS.InternalErrorException',
  'SNS.KMSThrottlingException',
];

/** Retries a Lambda task on throttling, and once more later on an AWS call its handler could not make. */
export function retryTransient(task: tasks.LambdaInvoke): tasks.LambdaInvoke {
  task.addRetry({
    errors: TRANSIENT_LAMBDA_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
    jitterStrategy: sfn.JitterType.FULL,
  });
  // An AWS call that failed for good inside the handler (S3, DynamoDB): worth a second try later.
  task.addRetry({ errors: ['AwsCallError'], interval: Duration.seconds(10), maxAttempts: 2, backoffRate: 2 });
  return task;
}

export interface PublishPaths {
  /** Path of `{subject, email, sms}`. */
  readonly message: string;
  /** Path of the verdict (PASS, FAIL, ERROR) the subscriptions filter on. */
  readonly verdict: string;
}

/**
 * Publishes one message per protocol (the long text by email, the short one by SMS) with a `verdict`
 * attribute, which the subscriptions' filter policies use to decide who hears of it.
 */
export function publishPerProtocol(
  scope: Construct,
  id: string,
  topic: sns.ITopic,
  paths: PublishPaths,
): tasks.SnsPublish {
  const task = new tasks.SnsPublish(scope, id, {
    topic,
    subject: sfn.JsonPath.stringAt(`${paths.message}.subject`),
    messagePerSubscriptionType: true,
    message: sfn.TaskInput.fromObject({
      default: sfn.JsonPath.stringAt(`${paths.message}.email`),
      email: sfn.JsonPath.stringAt(`${paths.message}.email`),
      sms: sfn.JsonPath.stringAt(`${paths.message}.sms`),
    }),
    messageAttributes: { verdict: { value: sfn.JsonPath.stringAt(paths.verdict) } },
    resultPath: sfn.JsonPath.DISCARD,
  });
  task.addRetry({
    errors: TRANSIENT_SNS_ERRORS,
    maxAttempts: 3,
    interval: Duration.seconds(2),
    backoffRate: 2,
  });
  return task;
}
