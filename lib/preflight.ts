import { Annotations, Duration, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { deploymentWarnings } from '../lambdas/core/config/deployment-warnings';
import { loadConfigFile } from '../lambdas/core/config/load';
import type { PreflightConfig, PreflightConfigInput } from '../lambdas/core/config/schema';
import { validateConfig } from '../lambdas/core/config/validate';
import { controlKeyPatterns } from '../lambdas/core/control/keys';
import { AlertTopic } from './alert-topic';
import { AuditFanout } from './audit-fanout';
import { AuditWorkflow } from './audit-workflow';
import { ChatNotifications } from './chatbot';
import { ControlEndpoint } from './control-endpoint';
import { PreflightDashboard } from './dashboard';
import { DeadLetterQueue } from './dead-letter-queue';
import { Followups } from './followups';
import { HistoryTable } from './history-table';
import { PreflightFunction } from './preflight-function';
import { QuarterlyReview } from './quarterly-review';
import { ReportBucket } from './report-bucket';
import { SelfAlarms } from './self-alarms';
import { WatchWorkflow } from './watch-workflow';
import { Webhook } from './webhook';

export interface PreflightProps {
  /**
   * The configuration, as `preflight.config.json` holds it (every key has a default, so `{}` is
   * valid). It is validated here: a bad value stops synthesis with every problem listed. Give this
   * or `configFile`, not both.
   * @default - read from `configFile`
   */
  readonly config?: PreflightConfigInput;
  /**
   * A configuration file to read and validate instead of `config`, relative to the working
   * directory of `cdk synth`.
   * @default - `config`; with neither, `preflight.config.json`
   */
  readonly configFile?: string;
}

/** Raised when the props name no configuration, or two. */
export class PreflightPropsError extends Error {
  override readonly name = 'PreflightPropsError';
}

function configOf(props: PreflightProps): PreflightConfig {
  if (props.config !== undefined && props.configFile !== undefined) {
    throw new PreflightPropsError('Preflight: give config or configFile, not both.');
  }
  if (props.config !== undefined) return validateConfig(props.config, "the Preflight construct's config");
  return loadConfigFile(props.configFile ?? 'preflight.config.json');
}

/**
 * Preflight in one account and region, to add to your own CDK stack: the alert topic, the audit
 * state machine with its functions, the scheduled posture audit and its fan-out, the deployment
 * watch, follow-ups, the quarterly review, the control endpoint, events on the default bus, and
 * alarms that watch Preflight itself. Its roles have fixed names (`preflight-<region>-<purpose>`),
 * so there is one per account and region. cdk-nag (AwsSolutions, Serverless) finds nothing
 * unacknowledged in it.
 *
 * @example
 * new Preflight(stack, 'Preflight', { config: { notifications: { emails: ['oncall@example.com'] } } });
 */
export class Preflight extends Construct {
  /** The validated configuration the construct was built with. */
  readonly config: PreflightConfig;
  readonly alerts: AlertTopic;
  readonly audit: AuditWorkflow;
  readonly fanout: AuditFanout;
  readonly reports: ReportBucket;
  readonly history: HistoryTable;
  readonly review: QuarterlyReview;
  /** What Preflight decided and its own health, on one CloudWatch dashboard. */
  readonly dashboard: PreflightDashboard;
  /** The webhook rule and API destination, with `integrations.webhook`. */
  readonly webhook?: Webhook;
  /** The chat rules, topic and AWS Chatbot channel configurations, with `integrations.chatbot`. */
  readonly chat?: ChatNotifications;
  readonly followups: Followups;
  readonly watch: WatchWorkflow;
  readonly control: ControlEndpoint;

  constructor(scope: Construct, id: string, props: PreflightProps = {}) {
    super(scope, id);
    const config = configOf(props);
    this.config = config;
    // Valid, but not yet working: `cdk synth` shows each (acknowledge one by its id to silence it).
    for (const warning of deploymentWarnings(config)) {
      Annotations.of(this).addWarningV2(`preflight:${warning.id}`, `${warning.key}: ${warning.message}`);
    }

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

    this.fanout = new AuditFanout(this, 'Fanout', {
      config,
      audit: this.audit,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
      reportBucket: this.reports,
    });

    if (config.schedules.audit.enabled) {
      new scheduler.Schedule(this, 'AuditSchedule', {
        description: 'Preflight scheduled posture audit, fanned out over every account and region',
        schedule: scheduler.ScheduleExpression.expression(
          config.schedules.audit.expression,
          TimeZone.of(config.timezone),
        ),
        target: new targets.StepFunctionsStartExecution(this.fanout.stateMachine, {
          // What to audit comes from the configuration; the fan-out takes no input.
          input: scheduler.ScheduleTargetInput.fromObject({}),
          retryAttempts: 3,
          deadLetterQueue: new DeadLetterQueue(this, 'AuditScheduleUndelivered', {
            holds: 'scheduled audits EventBridge Scheduler could not start',
          }),
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
      reportBucket: this.reports,
    });

    this.watch = new WatchWorkflow(this, 'Watch', {
      config,
      alertTopic: this.alerts.topic,
      alertKey: this.alerts.key,
      reportBucket: this.reports,
      historyTable: this.history.table,
      followupScheduler: this.followups.schedulerFunction,
    });

    this.control = new ControlEndpoint(this, 'Control', {
      config,
      reportBucket: this.reports,
      watchStateMachine: this.watch.stateMachine,
    });
    this.protectControlRecords();
    // A deployment's follow-ups assume the roles and apply the settings this object names.
    this.reports.denyObjects(
      'FollowupSettingsWrittenOnlyByTheWatchStart',
      ['s3:PutObject'],
      ['watches/*/followup.json'],
      [this.watch.startFunction.role as iam.IRole],
    );

    const webhook = config.integrations.webhook;
    if (webhook !== undefined) {
      this.webhook = new Webhook(this, 'Webhook', {
        url: webhook.url,
        apiKeySecretArn: webhook.apiKeySecretArn,
        apiKeyHeader: webhook.apiKeyHeader,
        rateLimitPerSecond: webhook.rateLimitPerSecond,
        ...(webhook.detailTypes === undefined ? {} : { detailTypes: webhook.detailTypes }),
      });
    }
    const chat = config.integrations.chatbot;
    if (chat !== undefined) {
      this.chat = new ChatNotifications(this, 'Chat', {
        ...chat,
        reportBucketName: this.reports.bucket.bucketName,
        watchStateMachineName: this.watch.stateMachine.stateMachineName,
      });
    }

    this.watchTheWatcher();
    this.dashboard = this.addDashboard();
  }

  /** What Preflight decided, per service and environment, and its own health, on one dashboard. */
  private addDashboard(): PreflightDashboard {
    const importFailed = (w: { findingsImportFailed?: cloudwatch.Metric }) =>
      w.findingsImportFailed === undefined ? [] : [w.findingsImportFailed];
    return new PreflightDashboard(this, 'Dashboard', {
      workflows: [
        {
          name: 'audit',
          stateMachine: this.audit.stateMachine,
          failures: [this.audit.notificationsFailed, this.audit.eventsFailed, ...importFailed(this.audit)],
        },
        {
          name: 'fan-out',
          stateMachine: this.fanout.stateMachine,
          failures: [this.fanout.notificationsFailed, this.fanout.eventsFailed, ...importFailed(this.fanout)],
        },
        {
          name: 'watch',
          stateMachine: this.watch.stateMachine,
          failures: [this.watch.notificationsFailed, this.watch.eventsFailed],
        },
      ],
      deadLetterQueues: this.node.findAll().filter((c) => c instanceof DeadLetterQueue),
      otherFailures: [this.review.eventsFailed],
    });
  }

  /**
   * The records that decide a gate or stop a release are written by the control function alone,
   * once, and never deleted; task tokens are read by it alone. The bucket policy says so, whatever
   * IAM policies elsewhere in the account allow.
   */
  private protectControlRecords(): void {
    const control = this.control.function.role as iam.IRole;
    const requests = this.audit.signoffFunction.role as iam.IRole;
    const records = [
      controlKeyPatterns.signoffAnswer,
      controlKeyPatterns.windowOverride,
      controlKeyPatterns.watchAbort,
    ];
    this.reports.denyObjects('ControlRecordsWrittenOnlyByTheControlFunction', ['s3:PutObject'], records, [
      control,
    ]);
    this.reports.denyObjects('ControlRecordsWrittenOnce', ['s3:PutObject'], records, [], {
      Null: { 's3:if-none-match': 'true' },
    });
    this.reports.denyObjects(
      'ControlRecordsNeverDeleted',
      ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      [...records, controlKeyPatterns.signoffRequest],
      [],
    );
    this.reports.denyObjects(
      'SignoffRequestsWrittenOnlyByTheRequestFunction',
      ['s3:PutObject'],
      [controlKeyPatterns.signoffRequest],
      [requests],
    );
    this.reports.denyObjects(
      'TaskTokensReadOnlyByTheControlFunction',
      ['s3:GetObject', 's3:GetObjectVersion'],
      [controlKeyPatterns.signoffRequest],
      [control],
    );
  }

  /**
   * Alarms on Preflight's own failures go to the same topic: failed or timed-out executions, function
   * errors, alerts that could not be published or delivered, and anything left in a dead-letter queue.
   * Functions and queues are found in the tree, so a new one is alarmed without being listed here.
   */
  private watchTheWatcher(): void {
    const alarms = new SelfAlarms(this, this.alerts.topic);
    const workflows = [
      { id: 'Audit', name: 'audit', workflow: this.audit },
      { id: 'Fanout', name: 'scheduled posture audit fan-out', workflow: this.fanout },
      { id: 'Watch', name: 'deployment watch', workflow: this.watch },
    ];
    for (const { id, name, workflow } of workflows) {
      const machine = workflow.stateMachine;
      alarms.add(`${id}FailedAlarm`, machine.metricFailed(), `A Preflight ${name} execution failed`);
      alarms.add(`${id}TimedOutAlarm`, machine.metricTimedOut(), `A Preflight ${name} execution timed out`);
      alarms.add(
        `${id}NotificationsFailedAlarm`,
        workflow.notificationsFailed,
        `A Preflight ${name} could not publish a notification: its execution's notifyError says why`,
      );
      alarms.add(
        `${id}EventsFailedAlarm`,
        workflow.eventsFailed,
        `A Preflight ${name} could not put its events on the default event bus: its execution's eventsError says why`,
      );
      const importFailed = 'findingsImportFailed' in workflow ? workflow.findingsImportFailed : undefined;
      if (importFailed !== undefined) {
        alarms.add(
          `${id}FindingsImportFailedAlarm`,
          importFailed,
          `A Preflight ${name} could not import all its findings into Security Hub: its execution's securityHub or securityHubError says why`,
        );
      }
    }
    alarms.add(
      'ReviewEventsFailedAlarm',
      this.review.eventsFailed,
      "The Preflight quarterly review could not put its event on the default event bus: the review function's log says why",
    );
    for (const fn of this.node.findAll().filter((c) => c instanceof PreflightFunction)) {
      alarms.add(
        `${fn.node.id}ErrorsAlarm`,
        fn.metricErrors(),
        `Preflight function ${fn.node.id} reported errors`,
      );
    }
    for (const queue of this.node.findAll().filter((c) => c instanceof DeadLetterQueue)) {
      // Named by its path below this construct, so the alarm's logical id does not depend on where it is.
      const name = queue.node.path
        .slice(this.node.path.length + 1)
        .split('/')
        .join('');
      alarms.add(
        `${name}Alarm`,
        queue.metricApproximateNumberOfMessagesVisible({
          statistic: cloudwatch.Stats.MAXIMUM,
          period: Duration.minutes(5),
        }),
        `A Preflight dead-letter queue holds ${queue.holds}`,
      );
    }
    const topic = this.alerts.topic;
    const sum = { statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) };
    alarms.add(
      'AlertsNotDeliveredAlarm',
      topic.metricNumberOfNotificationsFailed(sum),
      'The Preflight alert topic could not deliver a notification to a subscriber',
    );
    alarms.add(
      'AlertsNotSetAsideAlarm',
      topic.metric('NumberOfNotificationsFailedToRedriveToDlq', sum),
      'The Preflight alert topic could not put an undelivered notification into its dead-letter queue',
    );
  }
}
