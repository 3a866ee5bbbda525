/*
 * The scheduled posture audit across accounts (Standard, JSONPath). The schedule starts it; it audits
 * every configured environment × region, and every ACTIVE account of the configured OUs × the
 * organization's regions, one child execution each, then writes one organization summary.
 *
 * Load configuration (Pass)   the embedded configuration (no subscribers); the input is ignored
 * List targets (Lambda)       the targets as a JSON array in S3 (the Map's items, any number of them)
 *                             and the plan; an OU that cannot be listed is kept as a problem
 * Audit every target          Distributed Map: ItemReader on that object, MaxConcurrency and
 *   (Distributed Map)         ToleratedFailurePercentage from schedules.audit, STANDARD child
 *                             executions (fan-out-child-steps.ts: the audit machine's functions and
 *                             rules), results exported by the ResultWriter under fanout-results/;
 *                             a child that fails past the tolerance stops the Map: caught, and the
 *                             summary still runs, every target without a result an ERROR
 * Summarize (Lambda)          verdict and counts per account and region, stored as JSON and Markdown
 * Notify organization (SNS)   once, when something changed or could not be judged
 * Output (Pass)               {runId, verdict, targets, findings, summaryLocation}
 *
 * Children are STANDARD: a child runs up to eight 5-minute check tasks, retried, and a large account
 * can take longer than an EXPRESS execution's five minutes; bench/README.md prices both.
 */
import { ArnFormat, type CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { FANOUT_RESULTS_PREFIX } from '../lambdas/core/fanout/keys';
import { fanoutSettings } from '../lambdas/core/fanout/targets';
import { FanoutEnvironment } from '../lambdas/handlers/fanout/env';
import type { AuditWorkflow } from './audit-workflow';
import { allowPuttingEvents, eventsFailedMetric } from './event-steps';
import { fanoutChildSteps } from './fanout/child-steps';
import { nagWhere } from './nag-ids';
import { withinPayloadBudget } from './payload-budget';
import { BY_STEP_FUNCTIONS, PreflightFunction } from './preflight-function';
import { PreflightStateMachine } from './preflight-state-machine';
import type { IReportBucket } from './report-bucket';
import { SecurityHubImport } from './security-hub-import';
import {
  allowCountingFailedNotifications,
  countFailedNotification,
  notificationsFailedMetric,
  publishPerProtocol,
  retryTransient,
} from './workflow-steps';

export interface AuditFanoutProps {
  /** The validated configuration: targets, organization, `schedules.audit` fan-out settings. */
  readonly config: PreflightConfig;
  /** The audit machine whose functions each child runs. */
  readonly audit: AuditWorkflow;
  readonly alertTopic: sns.ITopic;
  readonly alertKey: kms.IKey;
  readonly reportBucket: IReportBucket;
  /** Longest a whole fan-out may take. @default 12 hours */
  readonly timeout?: Duration;
}

/** The `Workflow` dimension of the notifications this machine could not publish. */
const WORKFLOW = 'fanout';
/** The Map Run label: names the child executions (`execution:<machine>/<label>:<id>`). */
export const FANOUT_MAP_LABEL = 'Targets';

/**
 * A Distributed Map whose ResultWriter is written here, so that its S3 permissions are the stack's
 * exact grants on `fanout-results/*` rather than the bucket-wide ones CDK's ResultWriter adds.
 */
class ExportingDistributedMap extends sfn.DistributedMap {
  private readonly resultWriter_: object;

  constructor(scope: Construct, id: string, props: sfn.DistributedMapProps, resultWriter: object) {
    super(scope, id, props);
    this.resultWriter_ = resultWriter;
  }

  override toStateJson(queryLanguage?: sfn.QueryLanguage): object {
    return { ...super.toStateJson(queryLanguage), ResultWriter: this.resultWriter_ };
  }
}

export class AuditFanout extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Notifications this workflow could not publish (Preflight/NotificationsFailed, Workflow=fanout). */
  readonly notificationsFailed: cloudwatch.Metric;
  /** Events its children could not put on the default bus (Preflight/EventsFailed, Workflow=fanout). */
  readonly eventsFailed: cloudwatch.Metric;
  /** Children whose findings were not all imported into Security Hub (when enabled). */
  readonly findingsImportFailed?: cloudwatch.Metric;
  /** Lists the targets (and the organization's accounts); the only role with Organizations actions. */
  readonly listFunction: PreflightFunction;
  readonly summaryFunction: PreflightFunction;

  constructor(scope: Construct, id: string, props: AuditFanoutProps) {
    super(scope, id);
    const { config, reportBucket, alertTopic, audit } = props;
    const environment = { REPORT_BUCKET: reportBucket.bucket.bucketName };
    const environmentSchema = FanoutEnvironment;

    this.listFunction = new PreflightFunction(this, 'ListTargets', {
      entry: 'lambdas/handlers/fanout/list-targets.ts',
      description:
        "Preflight scheduled audit: lists every environment and region and the organization's accounts",
      environmentSchema,
      environment,
      timeout: Duration.minutes(5),
      memorySize: 512,
      invocation: BY_STEP_FUNCTIONS,
    });
    this.summaryFunction = new PreflightFunction(this, 'SummarizeTargets', {
      entry: 'lambdas/handlers/fanout/summarize.ts',
      description: 'Preflight scheduled audit: the organization summary, per account and region',
      environmentSchema,
      environment,
      timeout: Duration.minutes(5),
      memorySize: 1024,
      invocation: BY_STEP_FUNCTIONS,
    });
    reportBucket.grantObjects(
      this.listFunction.role as iam.IRole,
      ['s3:PutObject'],
      ['runs/*/targets.json', 'runs/*/plan.json'],
    );
    reportBucket.grantObjects(
      this.summaryFunction.role as iam.IRole,
      ['s3:GetObject'],
      ['runs/*/plan.json', `${FANOUT_RESULTS_PREFIX}/*`],
    );
    reportBucket.grantObjects(
      this.summaryFunction.role as iam.IRole,
      ['s3:PutObject'],
      ['runs/*/summary.json', 'runs/*/summary.md'],
    );
    if (config.organization !== undefined) this.allowListingOrganization();

    const { notifications: _subscribers, ...embedded } = config;
    const loadConfiguration = new sfn.Pass(this, 'Load configuration', {
      // The input is replaced: what to audit comes from the configuration alone. A Result, not
      // Parameters, so no key of the configuration is ever read as a path.
      result: sfn.Result.fromObject({
        config: withinPayloadBudget("The scheduled audit's configuration (a run's $.config)", embedded),
        results: {},
        fanoutError: {},
      }),
    });
    const listTargets = retryTransient(
      new tasks.LambdaInvoke(this, 'List targets', {
        lambdaFunction: this.listFunction,
        // The fan-out's slice of the configuration, not the whole of it. Written into the task's
        // parameters: no key of it comes from the configuration, and no value starts with `$`
        // (names, account ids, regions, OU ids and check ids, each validated), so none is read as a path.
        payload: sfn.TaskInput.fromObject({
          settings: withinPayloadBudget(
            "The fan-out's settings (the list step's slice)",
            fanoutSettings(config),
          ),
          runId: sfn.JsonPath.executionName,
        }),
        payloadResponseOnly: true,
        resultPath: '$.targets',
      }),
    ).addCatch(
      new sfn.Fail(this, 'Targets not listed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }),
      { errors: ['States.ALL'], resultPath: '$.error' },
    );

    const { maxConcurrency, toleratedFailurePercentage } = config.schedules.audit;
    const auditEveryTarget = new ExportingDistributedMap(
      this,
      'Audit every target',
      {
        itemReader: new sfn.S3JsonItemReader({
          bucketNamePath: sfn.JsonPath.stringAt('$.targets.items.bucket'),
          key: sfn.JsonPath.stringAt('$.targets.items.key'),
        }),
        itemSelector: {
          item: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
          index: sfn.JsonPath.numberAt('$$.Map.Item.Index'),
          // The child's run id: its reports are under runs/<fan-out run>-<index>/.
          runId: sfn.JsonPath.format(
            '{}-{}',
            sfn.JsonPath.executionName,
            sfn.JsonPath.stringAt('$$.Map.Item.Index'),
          ),
          config: sfn.JsonPath.objectAt('$.config'),
          alert: { status: 'none' },
        },
        maxConcurrency,
        toleratedFailurePercentage,
        label: FANOUT_MAP_LABEL,
        mapExecutionType: sfn.StateMachineType.STANDARD,
        resultPath: '$.results',
      },
      {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: reportBucket.bucket.bucketName, Prefix: FANOUT_RESULTS_PREFIX },
      },
    );
    auditEveryTarget.itemProcessor(
      fanoutChildSteps(this, {
        audit,
        alertTopic,
        checkConcurrency: config.gate.concurrency,
        workflow: WORKFLOW,
      }),
    );

    const summarize = retryTransient(
      new tasks.LambdaInvoke(this, 'Summarize', {
        lambdaFunction: this.summaryFunction,
        payload: sfn.TaskInput.fromObject({
          runId: sfn.JsonPath.executionName,
          now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
          results: sfn.JsonPath.objectAt('$.results'),
          fanoutError: sfn.JsonPath.objectAt('$.fanoutError'),
        }),
        payloadResponseOnly: true,
        resultPath: '$.summary',
      }),
    ).addCatch(
      new sfn.Fail(this, 'Summary failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }),
      { errors: ['States.ALL'], resultPath: '$.error' },
    );
    // More children failed than tolerated: the rest were stopped; the summary says so, per target.
    auditEveryTarget.addCatch(summarize, { errors: ['States.ALL'], resultPath: '$.fanoutError' });

    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        runId: sfn.JsonPath.stringAt('$.summary.runId'),
        verdict: sfn.JsonPath.stringAt('$.summary.verdict'),
        targets: sfn.JsonPath.objectAt('$.summary.targets'),
        findings: sfn.JsonPath.objectAt('$.summary.findings'),
        summaryLocation: sfn.JsonPath.objectAt('$.summary.summaryLocation'),
      },
    });
    const notify = publishPerProtocol(this, 'Notify organization', alertTopic, {
      message: '$.summary.notification',
      verdict: '$.summary.verdict',
    });
    notify.addCatch(
      countFailedNotification(this, 'Count failed organization notification', WORKFLOW, output),
      {
        errors: ['States.ALL'],
        resultPath: '$.notifyError',
      },
    );
    const notifyIfNeeded = new sfn.Choice(this, 'Anything to tell the organization?')
      .when(sfn.Condition.booleanEquals('$.summary.notify', true), notify.next(output))
      .otherwise(output);

    const definition = loadConfiguration
      .next(listTargets)
      .next(auditEveryTarget)
      .next(summarize)
      .next(notifyIfNeeded);

    this.stateMachine = new PreflightStateMachine(this, 'StateMachine', {
      definition,
      timeout: props.timeout ?? Duration.hours(12),
      alertKey: props.alertKey,
    });
    allowCountingFailedNotifications(this.stateMachine);
    allowPuttingEvents(this.stateMachine);
    this.notificationsFailed = notificationsFailedMetric(WORKFLOW);
    this.eventsFailed = eventsFailedMetric(WORKFLOW);
    if (props.audit.securityHub !== undefined)
      this.findingsImportFailed = SecurityHubImport.failedMetric(WORKFLOW);
    this.grantMapRun(reportBucket);

    const functions = [
      this.listFunction,
      this.summaryFunction,
      audit.validateFunction,
      ...Object.values(audit.checkFunctions),
      audit.reportFunction,
      audit.rememberFunction,
      ...(audit.securityHub === undefined ? [] : [audit.securityHub.function]),
    ];
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray, CloudWatch Logs delivery and cloudwatch:PutMetricData (held to the Preflight namespace by a condition) do not support resource-level permissions.',
      },
      ...functions.map((fn) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason:
          'Step Functions may invoke any version of the Preflight function; the grant is limited to that function.',
      })),
    );
  }

  /**
   * The Map Run's own needs, exactly: start executions of this machine only (its children), describe,
   * stop and redrive only its own children (`execution:<machine>/<label>:*`), read its items, write
   * its results. In a policy of its own, as CDK does, because the machine's ARN in its role's default
   * policy would be a circular dependency; CDK's generated one is replaced by this narrower one.
   */
  private grantMapRun(reportBucket: IReportBucket): void {
    const machine = this.stateMachine;
    machine.node.tryRemoveChild('DistributedMapPolicy');
    const stack = Stack.of(this);
    const children = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${machine.stateMachineName}/${FANOUT_MAP_LABEL}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const policy = new iam.Policy(this, 'ChildExecutionsPolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'StartOwnChildren',
          actions: ['states:StartExecution'],
          resources: [machine.stateMachineArn],
        }),
        new iam.PolicyStatement({
          sid: 'ManageOwnChildren',
          actions: ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'],
          resources: [children],
        }),
      ],
    });
    machine.role.attachInlinePolicy(policy);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${nagWhere(this).region}:${nagWhere(this).account}:execution:<${stack.getLogicalId(machine.node.defaultChild as CfnResource)}.Name>/${FANOUT_MAP_LABEL}:*]`,
      reason:
        "Child executions are named by Step Functions when the Map Run starts them; the grant is limited to this machine's own Map Run children.",
    });
    const role = machine.role;
    reportBucket.grantObjects(role, ['s3:GetObject'], ['runs/*/targets.json']);
    // What the Step Functions developer guide lists for a ResultWriter, on its prefix only.
    reportBucket.grantObjects(
      role,
      ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
      [`${FANOUT_RESULTS_PREFIX}/*`],
    );
  }

  /** The list function alone may list the organization: the two list actions, nothing else. */
  private allowListingOrganization(): void {
    const policy = new iam.Policy(this, 'ListOrganizationPolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'ListOrganizationAccounts',
          actions: ['organizations:ListAccountsForParent', 'organizations:ListOrganizationalUnitsForParent'],
          resources: ['*'],
        }),
      ],
    });
    policy.attachToRole(this.listFunction.role as iam.IRole);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'An OU ARN embeds the management account and the organization id, which the configuration does not name (it names OU ids); these two read-only Organizations list actions are the only Organizations actions the role holds.',
    });
  }
}
