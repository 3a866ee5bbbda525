import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { checkSteps } from '../audit/check-steps';
import type { AuditWorkflow } from '../audit-workflow';
import { putEventsSteps } from '../event-steps';
import { countFailedNotification, publishPerProtocol, retryTransient } from '../workflow-steps';

/**
 * One child of the fan-out: the scheduled posture audit of one account and region, with the audit
 * machine's own functions and rules.
 *
 * Validate target       the item is a scheduled audit input (`requireMode`): anything else is refused
 * Run target checks     one check task per check (inline Map); an account whose role cannot be assumed
 *                       gives ERROR findings there, a report like any other
 * Build target report   the report and the account's posture change (its memory staged)
 * Import account findings  with integrations.securityHub: into Security Hub; a failure is counted
 *                       (Preflight/FindingsImportFailed) and the child goes on
 * Put account events    its posture change on the default bus (Preflight Posture Changed), when it
 *                       has one; a failed put is counted (Preflight/EventsFailed) and the child goes on
 * Notify account        only when something failed anew or recovered in this account
 * Remember posture      only after that alert was published
 * Target audited        {runId, verdict, counts, reportLocation, alert}
 *
 * A target refused or whose report could not be built ends in `Target not audited` with the error:
 * the child still succeeds, so one account never fails the Map, and the summary shows it as ERROR.
 * `$.alert` says how the account's alert went: `{status: none|published}` or the publish's error.
 */
export function fanoutChildSteps(
  scope: Construct,
  props: {
    readonly audit: AuditWorkflow;
    readonly alertTopic: sns.ITopic;
    readonly checkConcurrency: number;
    /** The `Workflow` dimension of the alerts it could not publish. */
    readonly workflow: string;
  },
): sfn.IChainable {
  const { audit } = props;
  const notAudited = new sfn.Pass(scope, 'Target not audited', {
    parameters: {
      runId: sfn.JsonPath.stringAt('$.runId'),
      verdict: 'ERROR',
      error: sfn.JsonPath.objectAt('$.error'),
      alert: sfn.JsonPath.objectAt('$.alert'),
    },
  });
  const audited = new sfn.Pass(scope, 'Target audited', {
    parameters: {
      runId: sfn.JsonPath.stringAt('$.outcome.runId'),
      verdict: sfn.JsonPath.stringAt('$.outcome.verdict'),
      counts: sfn.JsonPath.objectAt('$.outcome.counts'),
      reportLocation: sfn.JsonPath.objectAt('$.outcome.reportLocation'),
      alert: sfn.JsonPath.objectAt('$.alert'),
    },
  });

  const validate = retryTransient(
    new tasks.LambdaInvoke(scope, 'Validate target', {
      lambdaFunction: audit.validateFunction,
      payload: sfn.TaskInput.fromObject({
        input: sfn.JsonPath.objectAt('$.item'),
        config: sfn.JsonPath.objectAt('$.config'),
        runId: sfn.JsonPath.stringAt('$.runId'),
        startedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        requireMode: 'scheduled',
      }),
      payloadResponseOnly: true,
      resultPath: '$.audit',
    }),
  ).addCatch(notAudited, { errors: ['States.ALL'], resultPath: '$.error' });

  const runChecks = checkSteps(scope, audit.checkFunctions, props.checkConcurrency, {
    map: 'Run target checks',
    route: 'Which target check function?',
    task: 'Run target check',
    unrouted: 'No target check function',
    failed: 'Record failed target check',
  });

  const buildReport = retryTransient(
    new tasks.LambdaInvoke(scope, 'Build target report', {
      lambdaFunction: audit.reportFunction,
      payload: sfn.TaskInput.fromObject({
        now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        audit: sfn.JsonPath.objectAt('$.audit'),
        // The report's slice of the configuration, the same literal as the audit machine's.
        settings: audit.reportSettings as unknown as Record<string, unknown>,
        results: sfn.JsonPath.listAt('$.results'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.outcome',
    }),
  ).addCatch(notAudited, { errors: ['States.ALL'], resultPath: '$.error' });

  // Reached from the account's alert only: a failed publish goes around it and the memory stays.
  const remember = retryTransient(
    new tasks.LambdaInvoke(scope, 'Remember account posture', {
      lambdaFunction: audit.rememberFunction,
      payload: sfn.TaskInput.fromObject({
        runId: sfn.JsonPath.stringAt('$.outcome.runId'),
        scope: sfn.JsonPath.stringAt('$.audit.scope'),
      }),
      payloadResponseOnly: true,
      resultPath: sfn.JsonPath.DISCARD,
    }),
  ).addCatch(audited, { errors: ['States.ALL'], resultPath: '$.rememberError' });
  const rememberIfNeeded = new sfn.Choice(scope, 'Account posture to remember?')
    .when(sfn.Condition.booleanEquals('$.outcome.rememberPosture', true), remember.next(audited))
    .otherwise(audited);

  const notify = publishPerProtocol(scope, 'Notify account', props.alertTopic, {
    message: '$.outcome.notification',
    verdict: '$.outcome.verdict',
  });
  notify.addCatch(countFailedNotification(scope, 'Count failed account alert', props.workflow, audited), {
    errors: ['States.ALL'],
    resultPath: '$.alert',
  });
  const alerted = new sfn.Pass(scope, 'Account alerted', {
    result: sfn.Result.fromObject({ status: 'published' }),
    resultPath: '$.alert',
  });
  const notifyIfNeeded = new sfn.Choice(scope, 'Anything new in this account?')
    .when(sfn.Condition.booleanEquals('$.outcome.notify', true), notify.next(alerted).next(rememberIfNeeded))
    .otherwise(audited);

  // The account's posture change goes to the default bus first; whatever becomes of it, the alert follows.
  const putEvents = putEventsSteps(scope, 'Put account events', {
    entries: '$.outcome.events',
    workflow: props.workflow,
    next: notifyIfNeeded,
  });
  // With Security Hub enabled, the account's findings are imported first (failing open).
  const afterReport =
    audit.securityHub?.steps(scope, 'Import account findings', {
      runIdPath: '$.outcome.runId',
      workflow: props.workflow,
      next: putEvents,
    }) ?? putEvents;
  return validate.next(runChecks).next(buildReport).next(afterReport);
}
