import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { auditPermissions } from '../lambdas/core/checks/registry';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { FOLLOWUP_CHECKS } from '../lambdas/core/followups/plan';
import { DeadLetterQueue } from './dead-letter-queue';
import { BY_STEP_FUNCTIONS, PreflightFunction } from './preflight-function';
import { schedulerPrincipal } from './scheduler-principal';
import { denySecretReads } from './secret-reads';

export interface FollowupsProps {
  readonly config: PreflightConfig;
  readonly historyTable: dynamodb.ITable;
  readonly alertTopic: sns.ITopic;
  readonly alertKey: kms.IKey;
}

/** Lambda environment variables share 4 KB; leave room for the platform's own. */
const MAX_CONFIG_BYTES = 3000;

/**
 * Post-deployment follow-ups. After a watch decides PROCEED, the scheduler function creates three
 * one-time EventBridge Scheduler schedules (1 h, 24 h, 7 d) that run the follow-up function and then
 * delete themselves. The follow-up function re-runs the alarm and backup checks, reads what happened
 * to the deployment since, at 24 h compares every watch trigger with its baseline, and sends a short
 * report. A schedule Scheduler cannot deliver, and a follow-up that still fails after Lambda's
 * retries, land in the `undelivered` queue, which is alarmed.
 */
export class Followups extends Construct {
  readonly schedulerFunction: PreflightFunction;
  readonly followupFunction: PreflightFunction;
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: FollowupsProps) {
    super(scope, id);
    const followupConfig = JSON.stringify({
      checks: props.config.checks,
      checklist: props.config.checklist,
      watch: props.config.watch,
    });
    if (Buffer.byteLength(followupConfig) > MAX_CONFIG_BYTES) {
      throw new Error(
        `The configuration's checks, checklist and watch take ${Buffer.byteLength(followupConfig)} bytes; follow-ups carry at most ${MAX_CONFIG_BYTES}. Shorten checklist.items, the check settings or the watch's metrics.`,
      );
    }
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      holds: 'post-deployment follow-ups that could not be started or did not complete',
    });
    this.followupFunction = new PreflightFunction(this, 'Run', {
      entry: 'lambdas/handlers/followups/run.ts',
      description: 'Preflight: a post-deployment follow-up (1 h, 24 h or 7 d after PROCEED)',
      environment: {
        ALERT_TOPIC_ARN: props.alertTopic.topicArn,
        HISTORY_TABLE: props.historyTable.tableName,
        PREFLIGHT_FOLLOWUP_CONFIG: followupConfig,
      },
      timeout: Duration.minutes(5),
      memorySize: 1024,
      invocation: { kind: 'asynchronous', deadLetterQueue: this.undelivered },
    });
    const statements = [
      // The checks it re-runs, and the watch's metrics for the 24-hour trend: read-only, no resource-level permissions.
      new iam.PolicyStatement({
        actions: [...auditPermissions(FOLLOWUP_CHECKS), 'cloudwatch:GetMetricData'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.historyTable.tableArn}/index/byQuarter`],
      }),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }),
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.alertKey.keyArn],
      }),
      // It audits, so it never reads a secret; SNS decrypts with the alert key on its behalf when it publishes.
      ...denySecretReads({ decryptsOnlyWith: props.alertKey }),
    ];
    for (const statement of statements) this.followupFunction.addToRolePolicy(statement);

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

    Validations.of(this.followupFunction.role as iam.IRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'The follow-up re-runs the alarm and backup checks over every resource of the account (read-only List and Describe calls, several without resource-level permissions), reads metrics with cloudwatch:GetMetricData and writes X-Ray traces, neither of which supports resource-level permissions.',
    });
    Validations.of(this.schedulerFunction.role as iam.IRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/default/preflight-*]',
      reason:
        'Follow-up schedules are named per deployment at run time; the grant is limited to the preflight- prefix.',
    });
  }
}
