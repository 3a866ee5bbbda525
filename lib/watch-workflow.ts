/*
 * The deployment watch state machine (Standard, JSONPath so it runs locally in tests). One execution
 * watches one deployment; the deployment id names it, so starting twice watches once.
 *
 * Load configuration (Pass)   the watch's slice of the validated configuration (services,
 *                             environments, checks, watch, sign-offs, checklist, mutes), embedded
 *                             at synth time, into $.settings
 * Start watch (Lambda)        validates the input (Fail "Input rejected" naming the field, an unknown
 *                             service or environment included), resolves the service's watch in the
 *                             environment, plans the watch from the execution's start, records the
 *                             baseline (one GetMetricData call in the service's account and region),
 *                             keeps the follow-up settings and records `watch-started`;
 *                             $ becomes {watch, step}
 * Wait for next period (Wait) until $.step.nextStepAt: the next period complete plus ingestion lag
 * Evaluate (Lambda)           reads a manual abort, fetches every new complete period of every
 *                             trigger in one GetMetricData call, judges, decides; $.step
 * Decided? (Choice)           CONTINUE: wait again (via Notify escalation, once, when the watch first
 *                             goes without data too long); PROCEED, ROLLBACK or INCONCLUSIVE: act
 * Act (Lambda)                ROLLBACK only: the service's rollback action, at most once, in its account
 *                             (through the environment's rollback role) and region; records `rollback`
 *                             and `watch-decided`; stores the evidence; builds the messages; $.outcome
 * Put events (EventBridge)    the decision, and any abort or rollback, on the default bus (see
 *                             docs/events.md); a failed put is counted in Preflight/EventsFailed
 *                             (alarmed) and the watch goes on to notify
 * Notify decision (SNS)       email with the evidence, SMS line; `verdict` attribute ROLLBACK FAIL,
 *                             INCONCLUSIVE ERROR, PROCEED PASS (the SMS filter keeps PASS off phones);
 *                             a publish (decision or escalation) that fails is counted in the
 *                             Preflight/NotificationsFailed metric (alarmed) and the watch goes on
 * Schedule follow-up (Lambda) only with `followupScheduler`, after a PROCEED; a failure is recorded
 *                             in $.followupError and the watch still ends normally
 * Output (Pass)               {deploymentId, decision, decidedAt, trigger, reason}; decidedAt is
 *                             null only when even Record failure failed
 *
 * Failure path: every task retries transient errors; what still fails is caught into Record failure,
 * which never rolls back (a failure of the monitoring never rolls a release back) and reads the
 * rollback marker, so the decision says what ran: ROLLBACK with the action's outcome when Act had run
 * it, else INCONCLUSIVE. Then Notify decision and Output. If even that task fails, Failure notice
 * builds the message in the machine itself and says to check whether a rollback ran. The execution
 * fails only when its input is rejected.
 *
 * A loop step costs 9 history events; `periodsPerStep` keeps a watch under 2,000 steps (18,000
 * events of the 25,000 allowed), which at 1-minute periods covers the longest watch (24 hours).
 */
import { Aws, type CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { watchTargetSettings } from '../lambdas/core/services/target-settings';
import { watchAccess } from '../lambdas/core/watch/targets';
import type { VariablesOf } from '../lambdas/handlers/environment';
import { MAX_WATCH_MINUTES } from '../lambdas/handlers/watch/contract';
import { ActEnvironment, WatchEnvironment } from '../lambdas/handlers/watch/env';
import { allowPuttingEvents, eventsFailedMetric, putEventsSteps } from './event-steps';
import { hubRoleName } from './hub-roles';
import { withinPayloadBudget } from './payload-budget';
import { BY_STEP_FUNCTIONS, PreflightFunction } from './preflight-function';
import { PreflightStateMachine } from './preflight-state-machine';
import type { IReportBucket } from './report-bucket';
import { mergeRollbackPermissions, rollbackStatements } from './watch/rollback-permissions';
import {
  allowCountingFailedNotifications,
  countFailedNotification,
  notificationsFailedMetric,
  publishPerProtocol,
  retryTransient,
} from './workflow-steps';

export interface WatchWorkflowProps {
  /**
   * The validated configuration: embedded in the state machine (without the notification
   * subscribers), so each watch resolves its service's settings in its environment.
   */
  readonly config: PreflightConfig;
  /** Where decisions and escalations are sent. */
  readonly alertTopic: sns.ITopic;
  /** The key the alert topic is encrypted with: publishers need it. */
  readonly alertKey: kms.IKey;
  /** Where aborts, rollback records and decisions are kept (`watches/<deployment id>/`). */
  readonly reportBucket: IReportBucket;
  /** Where watch starts, decisions, aborts and rollbacks are recorded. */
  readonly historyTable: dynamodb.ITable;
  /**
   * Invoked after a PROCEED notification with `{deploymentId, service, environment, decidedAt}`.
   * @default - no follow-up
   */
  readonly followupScheduler?: lambda.IFunction;
  /** Longest an execution may run. @default the longest watch (24 hours) plus 3 hours */
  readonly timeout?: Duration;
}

/** The `Workflow` dimension of the notifications this machine could not publish. */
const WORKFLOW = 'watch';

export class WatchWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Notifications this workflow could not publish (Preflight/NotificationsFailed, Workflow=watch). */
  readonly notificationsFailed: cloudwatch.Metric;
  /** Events this workflow could not put on the default bus (Preflight/EventsFailed, Workflow=watch). */
  readonly eventsFailed: cloudwatch.Metric;
  readonly functions: readonly PreflightFunction[];
  /** The first task's function: the only writer of the deployment's follow-up settings. */
  readonly startFunction: PreflightFunction;

  constructor(scope: Construct, id: string, props: WatchWorkflowProps) {
    super(scope, id);
    const { config, reportBucket, alertTopic, historyTable } = props;
    const environment: VariablesOf<typeof WatchEnvironment> = {
      REPORT_BUCKET: reportBucket.bucket.bucketName,
      HISTORY_TABLE: historyTable.tableName,
    };
    const startFunction = new PreflightFunction(this, 'StartWatch', {
      entry: 'lambdas/handlers/watch/start.ts',
      description: 'Preflight watch: validates the input, records the baseline',
      environmentSchema: WatchEnvironment,
      environment,
      timeout: Duration.seconds(90),
      invocation: BY_STEP_FUNCTIONS,
      roleName: hubRoleName('watchStart', Stack.of(this).region),
    });
    const evaluateFunction = new PreflightFunction(this, 'EvaluateWatch', {
      entry: 'lambdas/handlers/watch/evaluate.ts',
      description: 'Preflight watch: reads the metrics once a period and decides',
      environmentSchema: WatchEnvironment,
      environment,
      timeout: Duration.seconds(90),
      invocation: BY_STEP_FUNCTIONS,
      roleName: hubRoleName('watchEvaluate', Stack.of(this).region),
    });
    // A service in an environment that names no account or region is in the stack's own.
    const actEnvironment: VariablesOf<typeof ActEnvironment> = {
      ...environment,
      HOME_ACCOUNT: Aws.ACCOUNT_ID,
      HOME_REGION: Aws.REGION,
    };
    const actFunction = new PreflightFunction(this, 'ActOnDecision', {
      entry: 'lambdas/handlers/watch/act.ts',
      description: 'Preflight watch: runs the rollback action on ROLLBACK, records the decision',
      environmentSchema: ActEnvironment,
      environment: actEnvironment,
      timeout: Duration.minutes(3),
      invocation: BY_STEP_FUNCTIONS,
      roleName: hubRoleName('watchAct', Stack.of(this).region),
    });
    this.startFunction = startFunction;
    this.functions = [startFunction, evaluateFunction, actFunction];
    this.grant(props, startFunction, evaluateFunction, actFunction);

    // Only the watch's slice of the configuration (no notifications: email addresses and phone numbers
    // stay out of execution state and history). A Result, not Parameters: no key of it is read as a path.
    const settings = withinPayloadBudget(
      "The watch's settings (a run's $.settings)",
      watchTargetSettings(config),
    );
    const loadConfiguration = new sfn.Pass(this, 'Load configuration', {
      result: sfn.Result.fromObject(settings as unknown as Record<string, unknown>),
      resultPath: '$.settings',
    });
    const inputRejected = new sfn.Fail(this, 'Input rejected', {
      errorPath: '$.error.Error',
      causePath: '$.error.Cause',
    });
    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        deploymentId: sfn.JsonPath.stringAt('$.outcome.deploymentId'),
        decision: sfn.JsonPath.stringAt('$.outcome.decision'),
        'decidedAt.$': '$.outcome.decidedAt',
        'trigger.$': '$.outcome.trigger',
        reason: sfn.JsonPath.stringAt('$.outcome.reason'),
      },
    });

    // Notify, then (with a follow-up scheduler) schedule the follow-up of a PROCEED, then Output.
    const notifyDecision = publishPerProtocol(this, 'Notify decision', alertTopic, {
      message: '$.outcome.notification',
      verdict: '$.outcome.notification.verdict',
    });
    let afterNotify: sfn.IChainable = output;
    if (props.followupScheduler !== undefined) {
      const followup = new tasks.LambdaInvoke(this, 'Schedule follow-up', {
        lambdaFunction: props.followupScheduler,
        // The effective input is the payload: {deploymentId, service, environment, decidedAt}.
        inputPath: '$.outcome.followup',
        payloadResponseOnly: true,
        resultPath: sfn.JsonPath.DISCARD,
      });
      retryTransient(followup).addCatch(output, { errors: ['States.ALL'], resultPath: '$.followupError' });
      afterNotify = new sfn.Choice(this, 'Proceeded?')
        .when(sfn.Condition.stringEquals('$.outcome.decision', 'PROCEED'), followup.next(output))
        .otherwise(output);
    }
    notifyDecision.addCatch(
      countFailedNotification(this, 'Count failed notification', WORKFLOW, afterNotify),
      {
        errors: ['States.ALL'],
        resultPath: '$.notifyError',
      },
    );
    notifyDecision.next(afterNotify);

    // The one failure path never rolls back. When even Record failure fails, the machine cannot read
    // the rollback marker, so it cannot know whether Act ran the rollback action: it says to check.
    const failureNotice = new sfn.Pass(this, 'Failure notice', {
      parameters: {
        'deploymentId.$': '$$.Execution.Name',
        decision: 'INCONCLUSIVE',
        // JSON null (CDK drops a literal null). The time is unknown here: the task that stamps it failed.
        'decidedAt.$': "States.StringToJson('null')",
        'trigger.$': "States.StringToJson('null')",
        reason:
          'the watch itself failed, and so did recording the failure; check whether a rollback action ran',
        notification: {
          // Without the execution's name (up to 80 characters, named in the email and the SMS): SNS
          // refuses a subject over 100, and this alert would be lost.
          subject: 'Preflight watch INCONCLUSIVE (the watch failed)',
          'email.$':
            "States.Format('The Preflight deployment watch {} failed ({}: {}), and so did recording the failure. The decision is INCONCLUSIVE. Whether the rollback action ran is not known here: check watches/<deployment id>/rollback.json in the report bucket and the deployment itself, and roll back by hand if needed.', $$.Execution.Name, $.error.Error, $.error.Cause)",
          'sms.$':
            "States.Format('Preflight INCONCLUSIVE: watch {} failed; check if a rollback ran.', $$.Execution.Name)",
          verdict: 'ERROR',
        },
      },
      resultPath: '$.outcome',
    });
    failureNotice.next(notifyDecision);
    const recordFailure = retryTransient(
      new tasks.LambdaInvoke(this, 'Record failure', {
        lambdaFunction: actFunction,
        payload: sfn.TaskInput.fromObject({
          failure: sfn.JsonPath.objectAt('$.error'),
          input: sfn.JsonPath.objectAt('$$.Execution.Input'),
          runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
        }),
        payloadResponseOnly: true,
        resultPath: '$.outcome',
      }),
    ).addCatch(failureNotice, { errors: ['States.ALL'], resultPath: '$.recordError' });
    // The decision's events go out first, and whatever becomes of them the notification follows.
    const putEvents = putEventsSteps(this, 'Put events', {
      entries: '$.outcome.events',
      workflow: WORKFLOW,
      next: notifyDecision,
    });
    recordFailure.next(putEvents);
    const onFailure = { errors: ['States.ALL'], resultPath: '$.error' };

    const start = retryTransient(
      new tasks.LambdaInvoke(this, 'Start watch', {
        lambdaFunction: startFunction,
        payload: sfn.TaskInput.fromObject({
          input: sfn.JsonPath.objectAt('$$.Execution.Input'),
          settings: sfn.JsonPath.objectAt('$.settings'),
          runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
          startedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        }),
        payloadResponseOnly: true,
        // No resultPath: the result replaces the state ($ becomes {watch, step}).
      }),
    )
      .addCatch(inputRejected, { errors: ['InvalidInputError'], resultPath: '$.error' })
      .addCatch(recordFailure, onFailure);

    const wait = new sfn.Wait(this, 'Wait for next period', {
      time: sfn.WaitTime.timestampPath('$.step.nextStepAt'),
    });
    // Evaluate and Act both take the run and the latest step; only where the result goes differs.
    const stepTask = (id: string, fn: PreflightFunction, resultPath: string) =>
      retryTransient(
        new tasks.LambdaInvoke(this, id, {
          lambdaFunction: fn,
          payload: sfn.TaskInput.fromObject({
            watch: sfn.JsonPath.objectAt('$.watch'),
            step: sfn.JsonPath.objectAt('$.step'),
          }),
          payloadResponseOnly: true,
          resultPath,
        }),
      ).addCatch(recordFailure, onFailure);
    const evaluate = stepTask('Evaluate', evaluateFunction, '$.step');
    const act = stepTask('Act', actFunction, '$.outcome');
    act.next(putEvents);

    const notifyEscalation = publishPerProtocol(this, 'Notify escalation', alertTopic, {
      message: '$.step.escalation',
      verdict: '$.step.escalation.verdict',
    });
    notifyEscalation.addCatch(countFailedNotification(this, 'Count failed escalation', WORKFLOW, wait), {
      errors: ['States.ALL'],
      resultPath: '$.escalationError',
    });
    notifyEscalation.next(wait);

    const putEscalationEvents = putEventsSteps(this, 'Put escalation events', {
      entries: '$.step.escalationEvents',
      workflow: WORKFLOW,
      next: notifyEscalation,
    });
    const decided = new sfn.Choice(this, 'Decided?')
      .when(sfn.Condition.not(sfn.Condition.stringEquals('$.step.decision.kind', 'CONTINUE')), act)
      .when(sfn.Condition.booleanEquals('$.step.escalate', true), putEscalationEvents)
      .otherwise(wait);

    const definition = loadConfiguration.next(start).next(wait).next(evaluate).next(decided);

    this.stateMachine = new PreflightStateMachine(this, 'StateMachine', {
      definition,
      timeout: props.timeout ?? Duration.minutes(MAX_WATCH_MINUTES + 180),
      alertKey: props.alertKey,
    });
    const invoked = [...this.functions, props.followupScheduler].flatMap((fn) => {
      const resource = fn?.node.defaultChild as CfnResource | undefined;
      return resource === undefined || Stack.of(resource) !== Stack.of(this) ? [] : [resource];
    });
    allowCountingFailedNotifications(this.stateMachine);
    allowPuttingEvents(this.stateMachine);
    this.notificationsFailed = notificationsFailedMetric(WORKFLOW);
    this.eventsFailed = eventsFailedMetric(WORKFLOW);
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray, CloudWatch Logs delivery and cloudwatch:PutMetricData (held to the Preflight namespace by a condition) do not support resource-level permissions.',
      },
      ...invoked.map((resource) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(resource)}.Arn>:*]`,
        reason:
          'Step Functions may invoke any version of the function; the grant is limited to that function.',
      })),
    );
  }

  /**
   * Explicit, narrow grants: each function gets exactly the calls and objects it uses, decided from
   * the configuration: `sts:AssumeRole` only on the environments' roles (start and evaluate, for
   * metrics) and rollback roles (act) its watches use; CloudWatch and rollback actions as Preflight
   * itself only for watches of environments reached with Preflight's own credentials.
   */
  private grant(
    props: WatchWorkflowProps,
    startFunction: PreflightFunction,
    evaluateFunction: PreflightFunction,
    actFunction: PreflightFunction,
  ): void {
    const { reportBucket, historyTable } = props;
    const access = watchAccess(props.config);
    const putHistory = new iam.PolicyStatement({
      actions: ['dynamodb:PutItem'],
      resources: [historyTable.tableArn],
    });
    for (const fn of [startFunction, evaluateFunction]) {
      if (access.readsOwnMetrics) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }),
        );
        Validations.of(fn.role as iam.IRole).acknowledge({
          id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          reason:
            'cloudwatch:GetMetricData does not support resource-level permissions; X-Ray neither (read-only metrics).',
        });
      }
      if (access.environmentRoles.length > 0) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [...access.environmentRoles] }),
        );
      }
    }
    for (const fn of [startFunction, evaluateFunction, actFunction]) fn.addToRolePolicy(putHistory);
    reportBucket.grantObjects(startFunction.role as iam.IRole, ['s3:PutObject'], ['watches/*/followup.json']);
    reportBucket.grantObjects(evaluateFunction.role as iam.IRole, ['s3:GetObject'], ['watches/*/abort.json']);
    reportBucket.grantObjects(
      actFunction.role as iam.IRole,
      ['s3:GetObject', 's3:PutObject'],
      ['watches/*/rollback.json'],
    );
    reportBucket.grantObjects(actFunction.role as iam.IRole, ['s3:PutObject'], ['watches/*/decision.json']);

    const stack = Stack.of(this);
    const rollback = mergeRollbackPermissions(
      access.ownRollbacks.map(({ rollback: action, account, region }) =>
        rollbackStatements(stack, action, {
          ...(account === undefined ? {} : { account }),
          ...(region === undefined ? {} : { region }),
        }),
      ),
    );
    for (const statement of rollback.statements) actFunction.addToRolePolicy(statement);
    for (const wildcard of rollback.wildcards) {
      Validations.of(actFunction.role as iam.IRole).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${wildcard.resource}]`,
        reason: wildcard.reason,
      });
    }
    if (access.rollbackRoles.length > 0) {
      actFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [...access.rollbackRoles] }),
      );
    }
  }
}
