import { type CfnResource, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../lambdas/core/events/model';
import { REVIEW_DETAIL_TYPE } from '../lambdas/core/events/review-event';
import { QuarterlyReviewEnvironment } from '../lambdas/handlers/review/env';
import { DeadLetterQueue } from './dead-letter-queue';
import { eventsFailedMetric } from './event-steps';
import { PreflightFunction } from './preflight-function';
import type { IReportBucket } from './report-bucket';
import { schedulerPrincipal } from './scheduler-principal';

export interface QuarterlyReviewProps {
  readonly historyTable: dynamodb.ITable;
  readonly reportBucket: IReportBucket;
  readonly alertTopic: sns.ITopic;
  readonly alertKey: kms.IKey;
  /** EventBridge Scheduler expression. @default - no schedule; the function still runs on demand */
  readonly schedule?: string;
  /** IANA time zone of the schedule. @default 'UTC' */
  readonly timeZone?: string;
}

/**
 * The quarterly checklist review: a function that reads the quarter's history, stores the review
 * under `reviews/<quarter>/` and sends it (email: the review; SMS: a pointer), on a schedule. The
 * schedule invokes it asynchronously: a run Scheduler cannot deliver, or that still fails after
 * Lambda's retries, lands in the `undelivered` queue, which is alarmed.
 */
export class QuarterlyReview extends Construct {
  readonly function: PreflightFunction;
  readonly undelivered: DeadLetterQueue;
  /** Review events the function could not put (Preflight/EventsFailed, Workflow=review). */
  readonly eventsFailed: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: QuarterlyReviewProps) {
    super(scope, id);
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      holds: 'quarterly reviews that could not be started or did not complete',
    });
    this.function = new PreflightFunction(this, 'Function', {
      entry: 'lambdas/handlers/review/quarterly.ts',
      description: 'Preflight: the quarterly checklist review from the deployment history',
      environmentSchema: QuarterlyReviewEnvironment,
      environment: {
        REPORT_BUCKET: props.reportBucket.bucket.bucketName,
        ALERT_TOPIC_ARN: props.alertTopic.topicArn,
        HISTORY_TABLE: props.historyTable.tableName,
        TIME_ZONE: props.timeZone ?? 'UTC',
      },
      timeout: Duration.minutes(5),
      memorySize: 1024,
      invocation: { kind: 'asynchronous', deadLetterQueue: this.undelivered },
    });
    const statements = [
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.historyTable.tableArn}/index/byQuarter`],
      }),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }),
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.alertKey.keyArn],
      }),
    ];
    for (const statement of statements) this.function.addToRolePolicy(statement);
    // Its event on the default bus, as Preflight, of its own detail type only.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [
          Stack.of(this).formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
        ],
        conditions: {
          StringEquals: { 'events:source': EVENT_SOURCE, 'events:detail-type': REVIEW_DETAIL_TYPE },
        },
      }),
    );
    this.eventsFailed = eventsFailedMetric('review');

    props.reportBucket.grantObjects(this.function.role as iam.IRole, ['s3:PutObject'], ['reviews/*']);
    const functionId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnResource);

    if (props.schedule !== undefined) {
      const role = new iam.Role(this, 'ScheduleRole', { assumedBy: schedulerPrincipal(this) });
      new scheduler.Schedule(this, 'Schedule', {
        description: 'Preflight quarterly checklist review',
        schedule: scheduler.ScheduleExpression.expression(
          props.schedule,
          TimeZone.of(props.timeZone ?? 'UTC'),
        ),
        target: new targets.LambdaInvoke(this.function, {
          input: scheduler.ScheduleTargetInput.fromObject({}),
          retryAttempts: 3,
          role,
          deadLetterQueue: this.undelivered,
        }),
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason:
          'The schedule may invoke any version of the review function; the grant is limited to that function.',
      });
    }
  }
}
