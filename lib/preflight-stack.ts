import { CfnOutput, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { AlertTopic } from './alert-topic';
import { AuditWorkflow } from './audit-workflow';
import { Followups } from './followups';
import { HistoryTable } from './history-table';
import { QuarterlyReview } from './quarterly-review';
import { ReportBucket } from './report-bucket';
import { WatchWorkflow } from './watch-workflow';

export interface PreflightStackProps extends StackProps {
  /** The validated configuration (see `lambdas/core/config`). */
  readonly config: PreflightConfig;
}

/**
 * Preflight in one account: the alert topic, the audit state machine with its functions,
 * the scheduled posture audit, the deployment watch, and alarms that watch Preflight itself.
 */
export class PreflightStack extends Stack {
  readonly alerts: AlertTopic;
  readonly audit: AuditWorkflow;
  readonly reports: ReportBucket;
  readonly history: HistoryTable;
  readonly review: QuarterlyReview;
  readonly followups: Followups;
  readonly watch: WatchWorkflow;

  constructor(scope: Construct, id: string, props: PreflightStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.alerts = new AlertTopic(this, 'Alerts', {
      emails: config.notifications.emails,
      phoneNumbers: config.notifications.phoneNumbers,
      emailVerdicts: config.notifications.emailVerdicts,
      smsVerdicts: config.notifications.smsVerdicts,
    });
    this.reports = new ReportBucket(this, 'Reports', { retentionDays: config.reports.retentionDays });
    this.history = new HistoryTable(this, 'History');
    this.audit = new AuditWorkflow(this, 'Audit', {
      config,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
      reportBucket: this.reports,
      historyTable: this.history.table,
    });

    if (config.schedules.audit.enabled) {
      new scheduler.Schedule(this, 'AuditSchedule', {
        description: 'Preflight scheduled posture audit',
        schedule: scheduler.ScheduleExpression.expression(
          config.schedules.audit.expression,
          TimeZone.of(config.timezone),
        ),
        target: new targets.StepFunctionsStartExecution(this.audit.stateMachine, {
          input: scheduler.ScheduleTargetInput.fromObject({ mode: 'scheduled' }),
          retryAttempts: 3,
        }),
      });
    }

    this.review = new QuarterlyReview(this, 'Review', {
      historyTable: this.history.table,
      reportBucket: this.reports,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
      timeZone: config.timezone,
      ...(config.schedules.review.enabled ? { schedule: config.schedules.review.expression } : {}),
    });

    this.followups = new Followups(this, 'Followups', {
      config,
      historyTable: this.history.table,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
    });

    this.watch = new WatchWorkflow(this, 'Watch', {
      config,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
      reportBucket: this.reports,
      historyTable: this.history.table,
      followupScheduler: this.followups.schedulerFunction,
    });

    this.watchTheWatcher();

    new CfnOutput(this, 'AuditStateMachineArn', {
      description: 'Start an audit: aws stepfunctions start-execution --state-machine-arn <this>',
      value: this.audit.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'WatchStateMachineArn', {
      description: 'Watch a deployment: preflight watch start (or set PREFLIGHT_WATCH_STATE_MACHINE_ARN)',
      value: this.watch.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'ReportBucketName', {
      description: 'Reports are kept under runs/<run id>/report.json and report.md',
      value: this.reports.bucket.bucketName,
    });
  }

  /** Alarms on Preflight's own failures go to the same topic: a broken auditor must not be silent. */
  private watchTheWatcher(): void {
    const notify = new actions.SnsAction(this.alerts.topic);
    const stateMachine = this.audit.stateMachine;
    const alarms = [
      stateMachine.metricFailed().createAlarm(this, 'AuditFailedAlarm', {
        alarmDescription: 'A Preflight audit execution failed',
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      stateMachine.metricTimedOut().createAlarm(this, 'AuditTimedOutAlarm', {
        alarmDescription: 'A Preflight audit execution timed out',
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.watch.stateMachine.metricFailed().createAlarm(this, 'WatchFailedAlarm', {
        alarmDescription: 'A Preflight deployment watch execution failed',
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      this.watch.stateMachine.metricTimedOut().createAlarm(this, 'WatchTimedOutAlarm', {
        alarmDescription: 'A Preflight deployment watch execution timed out',
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      ...[
        ...this.audit.functions,
        ...this.watch.functions,
        this.review.function,
        this.followups.schedulerFunction,
        this.followups.followupFunction,
      ].map((fn) =>
        fn.metricErrors().createAlarm(this, `${fn.node.id}ErrorsAlarm`, {
          alarmDescription: `Preflight function ${fn.node.id} reported errors`,
          threshold: 1,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(notify);
  }
}
