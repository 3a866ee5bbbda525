/*
 * The audit state machine (Standard, JSONPath so it runs locally in tests). One machine serves the
 * pre-deployment gate (`mode: gate`, the default) and the scheduled posture audit (`mode: scheduled`).
 *
 * Load configuration (Pass)     the validated configuration, embedded at synth time, into $.config
 *                               (without the notification subscribers: no personal data in state)
 * Validate input (Lambda)       rejects bad input at once: Fail "Input rejected" naming the field;
 *                               any other failure there ends in Fail "Validation failed"
 * Run checks (Map, bounded)     one Lambda task per check, findings stored in S3; Retry on transient
 *                               Lambda errors; a Catch turns a task that still fails into
 *                               {checkId, taskError}, reported as ERROR, never a pass
 * Pre-deployment backup (Map)   gate mode with configured databases: on-demand AWS Backup jobs,
 *                               polled until they end; absent (with its permissions) when the
 *                               configuration names no database
 * Build report (Lambda)         attestations, window, backups and checks rolled into one verdict;
 *                               a check without a readable result of its own (or, in a gate, an
 *                               enabled check that did not run) is an ERROR; report stored in S3;
 *                               scheduled runs compare with the last run's memory and stage the new one
 * Collect sign-offs (Map)       gate mode, verdict PASS, roles configured: callback tasks wait for
 *                               an answer through the control endpoint (`preflight approve`); then
 *                               Build final report, which trusts only the answers the endpoint recorded
 * Import findings (Lambda)     with integrations.securityHub: the report's findings into Security
 *                               Hub (docs/security-hub.md); a failure is counted in
 *                               Preflight/FindingsImportFailed (alarmed) and the run goes on
 * Put events (EventBridge)     the verdict on the default bus (Preflight Gate Verdict; Preflight
 *                               Posture Changed for a scheduled run with news), see docs/events.md;
 *                               a failed put is kept in $.eventsError, counted in
 *                               Preflight/EventsFailed (alarmed), and the run goes on
 * Notify (SNS)                  full report by email, 160-character summary by SMS, filtered by
 *                               verdict; skipped for a scheduled run with nothing new; a failed
 *                               publish is recorded in $.notifyError, counted in the
 *                               Preflight/NotificationsFailed metric (alarmed), and does not hide
 *                               the verdict
 * Remember posture (Lambda)     scheduled runs, only after a successful publish: saves the memory
 *                               the report step staged, so a change whose alert was lost is
 *                               alerted again by the next run; a failure is kept in $.rememberError
 * Output (Pass)                 {runId, verdict, counts, blockingItems, reportLocation}
 *
 * The execution succeeds whatever the verdict: callers read `verdict` (PASS, FAIL or ERROR). It
 * fails only when the input is rejected or the report could not be built.
 */
import { type CfnResource, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  auditPermissions,
  auditResourcePermissions,
  type CheckFamily,
  FAMILY_NAMES,
  familyCheckIds,
} from '../lambdas/core/checks/catalogue';
import type { OrganizationSettings } from '../lambdas/core/config/organization-schema';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { controlKeyPatterns } from '../lambdas/core/control/keys';
import { type ReportSettings, reportSettings } from '../lambdas/core/report/settings';
import {
  environmentRoleArns,
  organizationPathPatterns,
  organizationRolePattern,
} from '../lambdas/core/services/environment-roles';
import {
  BuildReportEnvironment,
  CheckEnvironment,
  RememberPostureEnvironment,
  RequestSignoffEnvironment,
  ValidateInputEnvironment,
} from '../lambdas/handlers/audit/env';
import { preDeploymentBackupSteps } from './audit/backup-steps';
import { checkFunctionEntry, checkFunctionId } from './audit/check-functions';
import { checkSteps } from './audit/check-steps';
import { acknowledgeResourcePermissions, resourcePermissionStatements } from './audit/resource-permissions';
import { signoffSteps } from './audit/signoff-steps';
import { allowPuttingEvents, eventsFailedMetric, putEventsSteps } from './event-steps';
import { checkFamilyRoleName, hubRoleName } from './hub-roles';
import { withinPayloadBudget } from './payload-budget';
import { BY_STEP_FUNCTIONS, PreflightFunction } from './preflight-function';
import { PreflightStateMachine } from './preflight-state-machine';
import type { IReportBucket } from './report-bucket';
import { denySecretReads } from './secret-reads';
import { SecurityHubImport } from './security-hub-import';
import {
  allowCountingFailedNotifications,
  countFailedNotification,
  notificationsFailedMetric,
  publishPerProtocol,
  retryTransient,
} from './workflow-steps';

export interface AuditWorkflowProps {
  /** The validated configuration the checks run with. */
  readonly config: PreflightConfig;
  /** Where reports are sent. */
  readonly alertTopic: sns.ITopic;
  /** The key the alert topic is encrypted with: publishers need it. */
  readonly alertKey: kms.IKey;
  /** Where reports, check results and sign-off requests are stored. */
  readonly reportBucket: IReportBucket;
  /** Where gate runs and sign-offs are recorded for the learning loop. */
  readonly historyTable: dynamodb.ITable;
  /** Longest a whole audit may take, sign-offs included. @default the sign-off timeout plus 2 hours */
  readonly timeout?: Duration;
}

/** The reach role's construct id: the former check function role's, kept (see the constructor). */
export const REACH_ROLE_ID = 'RunCheckRole';

/** The `Workflow` dimension of the notifications this machine could not publish. */
const WORKFLOW = 'audit';

export class AuditWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Notifications this workflow could not publish (Preflight/NotificationsFailed, Workflow=audit). */
  readonly notificationsFailed: cloudwatch.Metric;
  /** Events this workflow could not put on the default bus (Preflight/EventsFailed, Workflow=audit). */
  readonly eventsFailed: cloudwatch.Metric;
  /** Validates a run's input: the audit machine's first state, and each fan-out child's. */
  readonly validateFunction: PreflightFunction;
  /** Each family's check function: runs one of its checks in one account and region. */
  readonly checkFunctions: { readonly [Family in CheckFamily]: PreflightFunction };
  /**
   * The named role member accounts trust: the check functions assume it, and it assumes the
   * environments' (and the organization's) member roles; it reads nothing itself.
   */
  readonly reachRole: iam.Role;
  /** Builds and stores the report, and decides whom to tell. */
  readonly reportFunction: PreflightFunction;
  /**
   * The report's slice of the configuration (`reportSettings`), given to every task of
   * `reportFunction` as a literal: the function judges runs with it, not with the configuration.
   */
  readonly reportSettings: ReportSettings;
  /** Saves the scheduled audit's memory once its alert is published. */
  readonly rememberFunction: PreflightFunction;
  /** Writes sign-off requests (with their task tokens) and tells each role how to answer. */
  readonly signoffFunction: PreflightFunction;
  readonly functions: readonly PreflightFunction[];
  /** The Security Hub import, when `integrations.securityHub.enabled`. */
  readonly securityHub?: SecurityHubImport;
  /** Runs whose findings were not all imported (Preflight/FindingsImportFailed, Workflow=audit). */
  readonly findingsImportFailed?: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: AuditWorkflowProps) {
    super(scope, id);
    const { config, reportBucket, alertTopic } = props;
    const bucketName = reportBucket.bucket.bucketName;

    const validateFunction = new PreflightFunction(this, 'ValidateInput', {
      entry: 'lambdas/handlers/audit/validate-input.ts',
      description: 'Preflight audit: validates the input and selects the checks',
      environmentSchema: ValidateInputEnvironment,
      environment: {},
      timeout: Duration.seconds(10),
      memorySize: 256,
      invocation: BY_STEP_FUNCTIONS,
    });
    const region = Stack.of(this).region;
    const checkFunctions = Object.fromEntries(
      FAMILY_NAMES.map((family) => [
        family,
        new PreflightFunction(this, checkFunctionId(family), {
          entry: checkFunctionEntry(family),
          description: `Preflight audit: runs one read-only ${family} check against a service's resources in one account and region`,
          // Only what a check function reads: where results go, and the reach role (created below,
          // as it trusts these functions' roles).
          environmentSchema: CheckEnvironment,
          environment: {
            REPORT_BUCKET: bucketName,
            REACH_ROLE_ARN: Lazy.string({ produce: () => this.reachRole.roleArn }),
          },
          timeout: Duration.minutes(5),
          memorySize: 1024,
          invocation: BY_STEP_FUNCTIONS,
          roleName: checkFamilyRoleName(family, region),
        }),
      ]),
    ) as { [Family in CheckFamily]: PreflightFunction };
    const checkRoles = FAMILY_NAMES.map((family) => checkFunctions[family].role as iam.Role);
    // The role member accounts trust (by name): only the check functions' roles may assume it. Its
    // construct id is the one the single check function's role had, so a deployment updates that role
    // in place: replacing it would break the member trust policies, which IAM keeps by unique id.
    this.reachRole = new iam.Role(this, REACH_ROLE_ID, {
      assumedBy: new iam.CompositePrincipal(...checkRoles.map((role) => new iam.ArnPrincipal(role.roleArn))),
      description: "Preflight's check functions reach member accounts' audit roles through this role",
      roleName: hubRoleName('audit', region),
      maxSessionDuration: Duration.hours(1),
    });
    this.checkFunctions = checkFunctions;
    const reportFunction = new PreflightFunction(this, 'BuildReport', {
      entry: 'lambdas/handlers/audit/build-report.ts',
      description: 'Preflight audit: rolls findings up into the report and verdict',
      environmentSchema: BuildReportEnvironment,
      environment: { REPORT_BUCKET: bucketName, HISTORY_TABLE: props.historyTable.tableName },
      timeout: Duration.seconds(60),
      memorySize: 1024,
      invocation: BY_STEP_FUNCTIONS,
    });
    const signoffFunction = new PreflightFunction(this, 'RequestSignoff', {
      entry: 'lambdas/handlers/audit/request-signoff.ts',
      description: 'Preflight audit: asks a role to sign off and keeps the task token for its answer',
      environmentSchema: RequestSignoffEnvironment,
      environment: { REPORT_BUCKET: bucketName, ALERT_TOPIC_ARN: alertTopic.topicArn },
      timeout: Duration.seconds(15),
      memorySize: 256,
      invocation: BY_STEP_FUNCTIONS,
    });
    const rememberFunction = new PreflightFunction(this, 'RememberPosture', {
      entry: 'lambdas/handlers/audit/remember-posture.ts',
      description: 'Preflight audit: saves the scheduled audit memory once its alert is published',
      environmentSchema: RememberPostureEnvironment,
      environment: { REPORT_BUCKET: bucketName },
      timeout: Duration.seconds(15),
      memorySize: 256,
      invocation: BY_STEP_FUNCTIONS,
    });
    this.signoffFunction = signoffFunction;
    this.validateFunction = validateFunction;
    this.reportFunction = reportFunction;
    this.reportSettings = withinPayloadBudget(
      "The report tasks' settings (the report's slice of the configuration)",
      reportSettings(config),
    );
    this.rememberFunction = rememberFunction;
    this.functions = [
      validateFunction,
      ...Object.values(checkFunctions),
      reportFunction,
      signoffFunction,
      rememberFunction,
    ];

    for (const role of checkRoles) reportBucket.grantObjects(role, ['s3:PutObject'], ['runs/*']);
    reportBucket.grantObjects(reportFunction.role as iam.IRole, ['s3:GetObject', 's3:PutObject'], ['runs/*']);
    // The report step reads the memory; only the step after a successful publish may change it.
    reportBucket.grantObjects(reportFunction.role as iam.IRole, ['s3:GetObject'], ['posture/*']);
    // The report trusts only what the control endpoint recorded: the answers and the window override.
    reportBucket.grantObjects(
      reportFunction.role as iam.IRole,
      ['s3:GetObject'],
      [controlKeyPatterns.signoffAnswer, controlKeyPatterns.windowOverride],
    );
    reportBucket.grantObjects(rememberFunction.role as iam.IRole, ['s3:GetObject'], ['runs/*/posture.json']);
    reportBucket.grantObjects(rememberFunction.role as iam.IRole, ['s3:PutObject'], ['posture/*']);
    reportBucket.grantObjects(
      signoffFunction.role as iam.IRole,
      ['s3:PutObject'],
      [controlKeyPatterns.signoffRequest],
    );
    // Gate runs are recorded in the history once the report is built.
    reportFunction.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.historyTable.tableArn] }),
    );
    const publish = [
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [alertTopic.topicArn] }),
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.alertKey.keyArn],
      }),
    ];
    for (const statement of publish) signoffFunction.addToRolePolicy(statement);

    // Each family's role reads what its checks read, in Preflight's own account, and nothing else.
    for (const family of FAMILY_NAMES) {
      const readOnly = new iam.Policy(this, `${checkFunctionId(family)}ReadOnlyPolicy`, {
        statements: [
          new iam.PolicyStatement({
            sid: 'ReadOnlyAuditMetadata',
            actions: auditPermissions(familyCheckIds(family)),
            resources: ['*'],
          }),
          ...resourcePermissionStatements(auditResourcePermissions(familyCheckIds(family))),
          ...denySecretReads(),
        ],
      });
      readOnly.attachToRole(checkFunctions[family].role as iam.IRole);
      acknowledgeResourcePermissions(readOnly, auditResourcePermissions(familyCheckIds(family)));
      Validations.of(readOnly).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: `The ${family} checks judge every resource of their kinds in the account, so they read metadata on all of them; the actions are read-only List, Describe and Get-metadata calls (several have no resource-level permissions at all) and every action that returns secret material is explicitly denied.`,
      });
    }
    // The environments' roles (member-account audit roles), named by the configuration: only those,
    // and only through the reach role.
    const memberRoles = environmentRoleArns(config);
    if (memberRoles.length > 0) {
      this.reachRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ReachEnvironments',
          actions: ['sts:AssumeRole'],
          resources: memberRoles,
        }),
      );
    }
    const organization = config.organization;
    if (organization !== undefined) this.allowReachingOrganization(organization);
    if (memberRoles.length > 0 || organization !== undefined) {
      for (const role of checkRoles) {
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'ReachThroughTheAuditRole',
            actions: ['sts:AssumeRole'],
            resources: [this.reachRole.roleArn],
          }),
        );
      }
    }

    // Not the notifications: email addresses and phone numbers stay out of execution state and
    // history; the alert topic's subscriptions are made at synth time.
    const { notifications: _subscribers, ...embedded } = config;
    withinPayloadBudget("The audit's configuration (a run's $.config)", embedded);
    const loadConfiguration = new sfn.Pass(this, 'Load configuration', {
      result: sfn.Result.fromObject(embedded as unknown as Record<string, unknown>),
      resultPath: '$.config',
    });
    const inputRejected = new sfn.Fail(this, 'Input rejected', {
      errorPath: '$.error.Error',
      causePath: '$.error.Cause',
    });
    const validateInput = retryTransient(
      new tasks.LambdaInvoke(this, 'Validate input', {
        lambdaFunction: validateFunction,
        payload: sfn.TaskInput.fromObject({
          input: sfn.JsonPath.objectAt('$$.Execution.Input'),
          config: sfn.JsonPath.objectAt('$.config'),
          runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
          startedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        }),
        payloadResponseOnly: true,
        resultPath: '$.audit',
      }),
    )
      .addCatch(inputRejected, { errors: ['InvalidInputError'], resultPath: '$.error' })
      // Anything else (a crash, an invalid embedded configuration) is not the caller's input at fault.
      .addCatch(
        new sfn.Fail(this, 'Validation failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }),
        {
          errors: ['States.ALL'],
          resultPath: '$.error',
        },
      );

    // One item per check and region ({checkId, region}); account-wide checks once per account.
    const runChecks = checkSteps(this, checkFunctions, config.gate.concurrency);

    const reportFailed = new sfn.Fail(this, 'Report failed', {
      errorPath: '$.error.Error',
      causePath: '$.error.Cause',
    });
    const buildReportTask = (name: string, withSignoffs: boolean) =>
      retryTransient(
        new tasks.LambdaInvoke(this, name, {
          lambdaFunction: reportFunction,
          payload: sfn.TaskInput.fromObject({
            now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
            audit: sfn.JsonPath.objectAt('$.audit'),
            // The report's slice of the validated configuration, a literal of the definition.
            settings: this.reportSettings as unknown as Record<string, unknown>,
            results: sfn.JsonPath.listAt('$.results'),
            backups: sfn.JsonPath.listAt('$.backups'),
            ...(withSignoffs ? { signoffs: sfn.JsonPath.listAt('$.signoffs') } : {}),
          }),
          payloadResponseOnly: true,
          resultPath: '$.outcome',
        }),
      ).addCatch(reportFailed, { errors: ['States.ALL'], resultPath: '$.error' });
    const buildReport = buildReportTask('Build report', false);
    const buildFinalReport = buildReportTask('Build final report', true);

    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        runId: sfn.JsonPath.stringAt('$.outcome.runId'),
        verdict: sfn.JsonPath.stringAt('$.outcome.verdict'),
        counts: sfn.JsonPath.objectAt('$.outcome.counts'),
        blockingItems: sfn.JsonPath.listAt('$.outcome.blockingItems'),
        reportLocation: sfn.JsonPath.objectAt('$.outcome.reportLocation'),
      },
    });
    const notify = publishPerProtocol(this, 'Notify', alertTopic, {
      message: '$.outcome.notification',
      verdict: '$.outcome.verdict',
    });
    notify.addCatch(countFailedNotification(this, 'Count failed notification', WORKFLOW, output), {
      errors: ['States.ALL'],
      resultPath: '$.notifyError',
    });
    // Reached from Notify's success only: a failed publish goes around it and the memory stays.
    const rememberPosture = retryTransient(
      new tasks.LambdaInvoke(this, 'Remember posture', {
        lambdaFunction: rememberFunction,
        payload: sfn.TaskInput.fromObject({
          runId: sfn.JsonPath.stringAt('$.outcome.runId'),
          scope: sfn.JsonPath.stringAt('$.audit.scope'),
        }),
        payloadResponseOnly: true,
        resultPath: sfn.JsonPath.DISCARD,
      }),
    ).addCatch(output, { errors: ['States.ALL'], resultPath: '$.rememberError' });
    const rememberIfNeeded = new sfn.Choice(this, 'Posture to remember?')
      .when(sfn.Condition.booleanEquals('$.outcome.rememberPosture', true), rememberPosture.next(output))
      .otherwise(output);
    const notifyIfNeeded = new sfn.Choice(this, 'Anything to tell?')
      .when(sfn.Condition.booleanEquals('$.outcome.notify', true), notify.next(rememberIfNeeded))
      .otherwise(output);

    const noBackups = new sfn.Pass(this, 'No backups', {
      result: sfn.Result.fromArray([]),
      resultPath: '$.backups',
    });
    noBackups.next(buildReport);
    // Without configured databases there is nothing to back up, so no step (and no permission) for it.
    const backupTargets = config.gate.preDeploymentBackup.targets.length > 0;
    let backupIfNeeded: sfn.IChainable = noBackups;
    if (backupTargets) {
      const backups = preDeploymentBackupSteps(this, config.gate.preDeploymentBackup);
      backups.next(buildReport);
      backupIfNeeded = new sfn.Choice(this, 'Back up first?')
        .when(sfn.Condition.isPresent('$.audit.backupTargets[0]'), backups)
        .otherwise(noBackups);
    }

    // The verdict's event goes out first, and whatever becomes of it the notification follows.
    const putEvents = putEventsSteps(this, 'Put events', {
      entries: '$.outcome.events',
      workflow: WORKFLOW,
      next: notifyIfNeeded,
    });
    // With Security Hub enabled, the findings are imported first (failing open, like the events).
    let afterReport: sfn.IChainable = putEvents;
    if (config.integrations.securityHub.enabled) {
      this.securityHub = new SecurityHubImport(this, 'SecurityHub', {
        reportBucket,
        ...(config.integrations.securityHub.docsUrl === undefined
          ? {}
          : { docsUrl: config.integrations.securityHub.docsUrl }),
      });
      this.functions = [...this.functions, this.securityHub.function];
      this.findingsImportFailed = SecurityHubImport.failedMetric(WORKFLOW);
      afterReport = this.securityHub.steps(this, 'Import findings', {
        runIdPath: '$.outcome.runId',
        workflow: WORKFLOW,
        next: putEvents,
      });
    }
    const signoffs = signoffSteps(this, signoffFunction, config.gate.signoffs.timeoutMinutes);
    buildReport.next(
      new sfn.Choice(this, 'Sign-offs needed?')
        .when(sfn.Condition.booleanEquals('$.outcome.awaitSignoffs', true), signoffs.next(buildFinalReport))
        .otherwise(afterReport),
    );
    buildFinalReport.next(afterReport);

    const definition = loadConfiguration.next(validateInput).next(runChecks).next(backupIfNeeded);

    this.stateMachine = new PreflightStateMachine(this, 'StateMachine', {
      definition,
      timeout: props.timeout ?? Duration.minutes(config.gate.signoffs.timeoutMinutes + 120),
      alertKey: props.alertKey,
    });
    allowCountingFailedNotifications(this.stateMachine);
    allowPuttingEvents(this.stateMachine);
    this.notificationsFailed = notificationsFailedMetric(WORKFLOW);
    this.eventsFailed = eventsFailedMetric(WORKFLOW);
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: `X-Ray, CloudWatch Logs delivery, cloudwatch:PutMetricData (held to the Preflight namespace by a condition)${backupTargets ? ' and backup:DescribeBackupJob' : ''} do not support resource-level permissions.`,
      },
      ...this.functions.map((fn) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason:
          'Step Functions may invoke any version of the Preflight function; the grant is limited to that function.',
      })),
    );
  }

  /**
   * The member-account role in the organization's accounts: one fixed name, in any account whose
   * organization path runs through a configured OU (directly in it, or below it when child OUs are
   * included). The accounts are listed at run time, so they cannot be named here; the condition,
   * evaluated by IAM on the role's account, keeps every other account out.
   */
  private allowReachingOrganization(organization: OrganizationSettings): void {
    const role = this.reachRole;
    const policy = new iam.Policy(this, 'ReachOrganizationPolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'ReachOrganizationAccounts',
          actions: ['sts:AssumeRole'],
          resources: [organizationRolePattern(organization)],
          conditions: {
            'ForAnyValue:StringLike': { 'aws:ResourceOrgPaths': organizationPathPatterns(organization) },
          },
        }),
      ],
    });
    policy.attachToRole(role);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${organizationRolePattern(organization)}]`,
      reason:
        "The organization's accounts are listed at run time, so the member-account role's ARN is written with any account; its name is fixed, the aws:ResourceOrgPaths condition admits only accounts under the configured OUs, and each role's trust policy admits only Preflight's named roles with the external id.",
    });
  }
}
