import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { auditPermissions } from '../lambdas/core/checks/registry';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { PreflightFunction } from './preflight-function';

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
 * report.
 */
export class Followups extends Construct {
  readonly schedulerFunction: PreflightFunction;
  readonly followupFunction: PreflightFunction;

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
    });
    const statements = [
      new iam.PolicyStatement({
        actions: [...auditPermissions(), 'cloudwatch:GetMetricData'],
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
    ];
    for (const statement of statements) this.followupFunction.addToRolePolicy(statement);

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets the follow-up schedules run the follow-up function',
    });
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.followupFunction.functionArn],
      }),
    );

    this.schedulerFunction = new PreflightFunction(this, 'Schedule', {
      entry: 'lambdas/handlers/followups/schedule.ts',
      description: 'Preflight: schedules the follow-ups of a deployment that passed its watch',
      environment: {
        FOLLOWUP_FUNCTION_ARN: this.followupFunction.functionArn,
        SCHEDULER_ROLE_ARN: schedulerRole.roleArn,
      },
      timeout: Duration.seconds(30),
      memorySize: 256,
    });
    const stack = Stack.of(this);
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
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [schedulerRole.roleArn] }),
    );

    Validations.of(this.followupFunction.role as iam.IRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'The follow-up re-runs read-only List/Describe checks, which have no resource-level permissions, and X-Ray.',
    });
    Validations.of(this.schedulerFunction.role as iam.IRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/default/preflight-*]',
      reason:
        'Follow-up schedules are named per deployment at run time; the grant is limited to the preflight- prefix.',
    });
  }
}
