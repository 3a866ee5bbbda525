import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
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

/** The metric a workflow adds 1 to for every notification it could not publish (dimension Workflow). */
export const NOTIFICATIONS_FAILED = { namespace: 'Preflight', metricName: 'NotificationsFailed' } as const;

/** A failure count a workflow keeps in CloudWatch: namespace and metric name (dimension Workflow). */
export interface FailureCount {
  readonly namespace: string;
  readonly metricName: string;
}

/** One workflow's (`audit`, `watch`, `fanout`) count of `failure`, summed over 5 minutes. */
export function failureCountMetric(failure: FailureCount, workflow: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    ...failure,
    dimensionsMap: { Workflow: workflow },
    statistic: cloudwatch.Stats.SUM,
    period: Duration.minutes(5),
  });
}

/** Failed notifications of one workflow, summed over 5 minutes. */
export function notificationsFailedMetric(workflow: string): cloudwatch.Metric {
  return failureCountMetric(NOTIFICATIONS_FAILED, workflow);
}

/**
 * Adds 1 to `failure` for `workflow`, then goes on to `next`. It never changes the outcome: throttling
 * is retried, and a count that still fails is caught and recorded at `errorPath`.
 */
export function countFailure(
  scope: Construct,
  id: string,
  failure: FailureCount,
  workflow: string,
  errorPath: string,
  next: sfn.IChainable,
): sfn.CustomState {
  const count = new sfn.CustomState(scope, id, {
    stateJson: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:cloudwatch:putMetricData',
      Parameters: {
        Namespace: failure.namespace,
        MetricData: [
          {
            MetricName: failure.metricName,
            Dimensions: [{ Name: 'Workflow', Value: workflow }],
            Unit: 'Count',
            Value: 1,
          },
        ],
      },
      ResultPath: null,
    },
  });
  count.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
  count.addCatch(next, { errors: ['States.ALL'], resultPath: errorPath });
  count.next(next);
  return count;
}

/**
 * Counts a notification the workflow could not publish (the catch of a publish task goes here),
 * then goes on to `next`. It never changes the outcome: throttling is retried, and a count that
 * still fails is caught and recorded in `$.notifyCountError`. The machine's role needs
 * `allowCountingFailedNotifications`.
 */
export function countFailedNotification(
  scope: Construct,
  id: string,
  workflow: string,
  next: sfn.IChainable,
): sfn.CustomState {
  return countFailure(scope, id, NOTIFICATIONS_FAILED, workflow, '$.notifyCountError', next);
}

/** PutMetricData has no resource-level permissions; the namespace condition keeps it to Preflight's. */
export function allowCountingFailedNotifications(machine: sfn.StateMachine): void {
  machine.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': NOTIFICATIONS_FAILED.namespace } },
    }),
  );
}
