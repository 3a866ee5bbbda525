import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { auditPermissions } from '../lambdas/core/checks/catalogue';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { FOLLOWUP_CHECKS } from '../lambdas/core/followups/plan';
import { watchAccess } from '../lambdas/core/watch/targets';
import { FollowupEnvironment, ScheduleFollowupsEnvironment } from '../lambdas/handlers/followups/env';
import { DeadLetterQueue } from './dead-letter-queue';
import { hubRoleName } from './hub-roles';
import { nagWhere } from './nag-ids';
import { BY_STEP_FUNCTIONS, PreflightFunction } from './preflight-function';
import type { IReportBucket } from './report-bucket';
import { schedulerPrincipal } from './scheduler-principal';
import { denySecretReads } from './secret-reads';

export interface FollowupsProps {
  /** The validated configuration: which environments the follow-ups reach, and how. */
  readonly config: PreflightConfig;
  readonly historyTable: dynamodb.ITable;
  readonly alertTopic: sns.ITopic;
  readonly alertKey: kms.IKey;
  /** Where each watch keeps its deployment's follow-up settings (`watches/<id>/followup.json`). */
  readonly reportBucket: IReportBucket;
}

/**
 * Post-deployment follow-ups. After a watch decides PROCEED, the scheduler function creates three
 * one-time EventBridge Scheduler schedules (1 h, 24 h, 7 d) that run the follow-up function and then
 * delete themselves. The follow-up function reads the settings the deployment's watch kept (the
 * service's checks, checklist and watch in its environment), re-runs the alarm and backup checks in
 * the service's account and region, reads what happened to the deployment since, at 24 h compares
 * every trigger of the service's watch with its baseline, and sends a short report. A schedule
 * Scheduler cannot deliver, and a follow-up that still fails after Lambda's retries, land in the
 * `undelivered` queue, which is alarmed.
 */
export class Followups extends Construct {
  readonly schedulerFunction: PreflightFunction;
  readonly followupFunction: PreflightFunction;
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: FollowupsProps) {
    super(scope, id);
    // The settings travel per deployment in the report bucket, not in an environment variable
    // (4 KB for all of them): twenty services' settings would not fit there.
    const access = watchAccess(props.config);
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      holds: 'post-deployment follow-ups that could not be started or did not complete',
    });
    this.followupFunction = new PreflightFunction(this, 'Run', {
      entry: 'lambdas/handlers/followups/run.ts',
      description: 'Preflight: a post-deployment follow-up (1 h, 24 h or 7 d after PROCEED)',
      environmentSchema: FollowupEnvironment,
      environment: {
        ALERT_TOPIC_ARN: props.alertTopic.topicArn,
        HISTORY_TABLE: props.historyTable.tableName,
        REPORT_BUCKET: props.reportBucket.bucket.bucketName,
      },
      timeout: Duration.minutes(5),
      memorySize: 1024,
      invocation: { kind: 'asynchronous', deadLetterQueue: this.undelivered },
      roleName: hubRoleName('followup', Stack.of(this).region),
    });
    const statements = [
      // The checks it re-runs, and the watch's metrics for the 24-hour trend, where Preflight's own
      // credentials reach them: read-only, no resource-level permissions.
      ...(access.checksOwnAccount || access.readsOwnMetrics
        ? [
            new iam.PolicyStatement({
              actions: [
                ...(access.checksOwnAccount ? auditPermissions(FOLLOWUP_CHECKS) : []),
                ...(access.readsOwnMetrics ? ['cloudwatch:GetMetricData'] : []),
              ],
              resources: ['*'],
            }),
          ]
        : []),
      // Elsewhere, through the environments' read-only roles only.
      ...(access.environmentRoles.length === 0
        ? []
        : [
            new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [...access.environmentRoles] }),
          ]),
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.historyTable.tableArn}/index/byQuarter`],
      }),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }),
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.alertKey.keyArn],
      }),
      // It audits, so it never reads a secret; SNS decrypts with the alert key on its behalf when it
      // publishes, and S3 with the report key when it reads the deployment's follow-up settings.
      ...denySecretReads({ decryptsOnlyWith: [props.alertKey, props.reportBucket.key] }),
    ];
    for (const statement of statements) this.followupFunction.addToRolePolicy(statement);
    props.reportBucket.grantObjects(
      this.followupFunction.role as iam.IRole,
      ['s3:GetObject'],
      ['watches/*/followup.json'],
    );

    const stack = Stack.of(this);
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: schedulerPrincipal(this),
      description: 'Lets the follow-up schedules run the follow-up function',
    });
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.followupFunction.functionArn],
      }),
    );
    // Scheduler sends what it cannot deliver to the schedule's dead-letter queue as this role.
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.undelivered.queueArn] }),
    );

    this.schedulerFunction = new PreflightFunction(this, 'Schedule', {
      entry: 'lambdas/handlers/followups/schedule.ts',
      description: 'Preflight: schedules the follow-ups of a deployment that passed its watch',
      environmentSchema: ScheduleFollowupsEnvironment,
      environment: {
        FOLLOWUP_FUNCTION_ARN: this.followupFunction.functionArn,
        SCHEDULER_ROLE_ARN: schedulerRole.roleArn,
        FOLLOWUP_DEAD_LETTER_QUEUE_ARN: this.undelivered.queueArn,
      },
      timeout: Duration.seconds(30),
      memorySize: 256,
      invocation: BY_STEP_FUNCTIONS,
    });
    this.schedulerFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule'],
        resources: [
          stack.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: 'default/preflight-*',
          }),
        ],
      }),
    );
    this.schedulerFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );

    const own = [
      ...(access.checksOwnAccount
        ? [
            're-runs the alarm and backup checks over every resource of the account (read-only List and Describe calls, several without resource-level permissions)',
          ]
        : []),
      ...(access.readsOwnMetrics
        ? ['reads metrics with cloudwatch:GetMetricData, which has no resource-level permissions']
        : []),
    ];
    Validations.of(this.followupFunction.role as iam.IRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: `The follow-up ${[...own, 'writes X-Ray traces, which support no resource-level permissions'].join('; ')}.`,
    });
    const { region, account } = nagWhere(this);
    Validations.of(this.schedulerFunction.role as iam.IRole).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/default/preflight-*]`,
      reason:
        'Follow-up schedules are named per deployment at run time; the grant is limited to the preflight- prefix.',
    });
  }
}
