import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import type { AlertTopic } from './alert-topic';
import type { AuditFanout } from './audit-fanout';
import type { AuditWorkflow } from './audit-workflow';
import type { ControlEndpoint } from './control-endpoint';
import type { Followups } from './followups';
import type { HistoryTable } from './history-table';
import { Preflight } from './preflight';
import type { QuarterlyReview } from './quarterly-review';
import type { ReportBucket } from './report-bucket';
import type { WatchWorkflow } from './watch-workflow';

export interface PreflightStackProps extends StackProps {
  /** The validated configuration (see `lambdas/core/config`). */
  readonly config: PreflightConfig;
}

/**
 * The Preflight stack `cdk deploy Preflight` deploys: the `Preflight` construct and the outputs the
 * CLI and pipelines read (AuditStateMachineArn, WatchStateMachineArn, ControlUrl, ...).
 */
export class PreflightStack extends Stack {
  /** The construct; its id `Default` keeps every resource's logical id as the stack had it. */
  readonly preflight: Preflight;
  readonly alerts: AlertTopic;
  readonly audit: AuditWorkflow;
  readonly fanout: AuditFanout;
  readonly reports: ReportBucket;
  readonly history: HistoryTable;
  readonly review: QuarterlyReview;
  readonly followups: Followups;
  readonly watch: WatchWorkflow;
  readonly control: ControlEndpoint;

  constructor(scope: Construct, id: string, props: PreflightStackProps) {
    const { config, ...stackProps } = props;
    super(scope, id, stackProps);
    this.preflight = new Preflight(this, 'Default', { config });
    ({
      alerts: this.alerts,
      audit: this.audit,
      fanout: this.fanout,
      reports: this.reports,
      history: this.history,
      review: this.review,
      followups: this.followups,
      watch: this.watch,
      control: this.control,
    } = this.preflight);

    new CfnOutput(this, 'AuditStateMachineArn', {
      description: 'Start an audit: aws stepfunctions start-execution --state-machine-arn <this>',
      value: this.audit.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'FanoutStateMachineArn', {
      description:
        'The scheduled posture audit of every account and region: aws stepfunctions start-execution --state-machine-arn <this>',
      value: this.fanout.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'WatchStateMachineArn', {
      description: 'Watch a deployment: preflight watch start (or set PREFLIGHT_WATCH_STATE_MACHINE_ARN)',
      value: this.watch.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'ControlUrl', {
      description:
        'Sign-offs, window overrides and aborts (AWS_IAM auth): preflight approve|watch abort|gate --override-window (or set PREFLIGHT_CONTROL_URL)',
      value: this.control.url.url,
    });
    new CfnOutput(this, 'ControlFunctionArn', {
      description: 'Grant lambda:InvokeFunctionUrl on this to approvers, overriders and on-call',
      value: this.control.function.functionArn,
    });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'ReportBucketName', {
      description: 'Reports are kept under runs/<run id>/report.json and report.md',
      value: this.reports.bucket.bucketName,
    });
    new CfnOutput(this, 'HistoryTableName', {
      description:
        'Every gate, sign-off, watch and rollback: preflight review --table <this>, preflight history export --table <this> (or set PREFLIGHT_HISTORY_TABLE)',
      value: this.history.table.tableName,
    });
    new CfnOutput(this, 'ReportKeyArn', {
      description: 'Readers of the report bucket need kms:Decrypt on this key, writers kms:GenerateDataKey',
      value: this.reports.key.keyArn,
    });
  }
}
