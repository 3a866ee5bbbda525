/*
 * The audit state machine (Standard, JSONPath so it can run locally in tests).
 *
 * Load configuration (Pass)      the validated configuration, embedded at synth time, into $.config
 * Validate input (Lambda)        rejects bad input at once: Fail "Input rejected" naming the field
 * Run checks (Map, bounded)      one Lambda task per check; Retry on transient Lambda errors; a Catch
 *                                turns a task that still fails into {checkId, taskError}, never a pass
 * Build report (Lambda)          rolls findings up to checklist items and one verdict
 * Notify (SNS)                   the text report to the alert topic; a failed publish is recorded in
 *                                $.notifyError, it does not hide the verdict
 * Output (Pass)                  {verdict, counts, blockingItems, report}
 *
 * Input: { service?, environment?, deploymentId?, checks? }. The execution succeeds whatever the
 * verdict: callers read `verdict` (PASS, FAIL or ERROR). It fails only when the input is rejected
 * or the report could not be built.
 */
import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { auditPermissions } from '../lambdas/core/checks/registry';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { PreflightFunction } from './preflight-function';

export interface AuditWorkflowProps {
  /** The validated configuration the checks run with. */
  readonly config: PreflightConfig;
  /** Where reports are sent. */
  readonly alertTopic: sns.ITopic;
  /** Longest a whole audit may take. @default Duration.minutes(30) */
  readonly timeout?: Duration;
}

/**
 * Transient Lambda errors beyond those LambdaInvoke already retries (ServiceException,
 * AWSLambdaException, SdkClientException, ClientExecutionTimeoutException): concurrency throttles.
 */
const TRANSIENT_LAMBDA_ERRORS = ['Lambda.TooManyRequestsException'];

/** Actions that would read secret material. The check role is denied them outright. */
const SECRET_READS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'kms:Decrypt',
];

function retryTransient(task: tasks.LambdaInvoke): tasks.LambdaInvoke {
  task.addRetry({
    errors: TRANSIENT_LAMBDA_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: 4,
    backoffRate: 2,
    jitterStrategy: sfn.JitterType.FULL,
  });
  return task;
}

export class AuditWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly checkFunction: PreflightFunction;
  readonly functions: readonly PreflightFunction[];

  constructor(scope: Construct, id: string, props: AuditWorkflowProps) {
    super(scope, id);

    const validateFunction = new PreflightFunction(this, 'ValidateInput', {
      entry: 'lambdas/handlers/audit/validate-input.ts',
      description: 'Preflight audit: validates the input and selects the checks',
      timeout: Duration.seconds(10),
      memorySize: 256,
    });
    this.checkFunction = new PreflightFunction(this, 'RunCheck', {
      entry: 'lambdas/handlers/audit/run-check.ts',
      description: 'Preflight audit: runs one read-only check against this account',
      timeout: Duration.minutes(5),
      memorySize: 1024,
    });
    const reportFunction = new PreflightFunction(this, 'BuildReport', {
      entry: 'lambdas/handlers/audit/build-report.ts',
      description: 'Preflight audit: rolls findings up into the report and verdict',
      timeout: Duration.seconds(30),
    });
    this.functions = [validateFunction, this.checkFunction, reportFunction];

    const readOnly = new iam.Policy(this, 'AuditReadOnlyPolicy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadOnlyAuditMetadata',
          actions: auditPermissions(),
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'NeverReadSecretValues',
          effect: iam.Effect.DENY,
          actions: SECRET_READS,
          resources: ['*'],
        }),
      ],
    });
    readOnly.attachToRole(this.checkFunction.role as iam.IRole);
    Validations.of(readOnly).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'The audit reads metadata with List/Describe actions that do not support resource-level permissions; every action is read-only and secret values are explicitly denied.',
    });

    const loadConfiguration = new sfn.Pass(this, 'Load configuration', {
      result: sfn.Result.fromObject(props.config as unknown as Record<string, unknown>),
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
        }),
        payloadResponseOnly: true,
        resultPath: '$.audit',
      }),
    ).addCatch(inputRejected, { errors: ['States.ALL'], resultPath: '$.error' });

    const runCheck = retryTransient(
      new tasks.LambdaInvoke(this, 'Run check', {
        lambdaFunction: this.checkFunction,
        payloadResponseOnly: true,
        taskTimeout: sfn.Timeout.duration(Duration.minutes(6)),
      }),
    );
    runCheck.addRetry({ errors: ['States.Timeout'], maxAttempts: 1, interval: Duration.seconds(5) });
    runCheck.addCatch(
      new sfn.Pass(this, 'Record failed check', {
        parameters: {
          checkId: sfn.JsonPath.stringAt('$.checkId'),
          taskError: sfn.JsonPath.objectAt('$.taskError'),
        },
      }),
      { errors: ['States.ALL'], resultPath: '$.taskError' },
    );
    const runChecks = new sfn.Map(this, 'Run checks', {
      itemsPath: '$.audit.checkIds',
      maxConcurrency: props.config.gate.concurrency,
      itemSelector: {
        checkId: sfn.JsonPath.stringAt('$$.Map.Item.Value'),
        now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        config: sfn.JsonPath.objectAt('$.config'),
      },
      resultPath: '$.results',
    }).itemProcessor(runCheck);

    const reportFailed = new sfn.Fail(this, 'Report failed', {
      errorPath: '$.error.Error',
      causePath: '$.error.Cause',
    });
    const buildReport = retryTransient(
      new tasks.LambdaInvoke(this, 'Build report', {
        lambdaFunction: reportFunction,
        payload: sfn.TaskInput.fromObject({
          now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
          target: sfn.JsonPath.stringAt('$.audit.label'),
          config: sfn.JsonPath.objectAt('$.config'),
          results: sfn.JsonPath.listAt('$.results'),
        }),
        payloadResponseOnly: true,
        resultPath: '$.outcome',
      }),
    ).addCatch(reportFailed, { errors: ['States.ALL'], resultPath: '$.error' });

    const output = new sfn.Pass(this, 'Output', {
      parameters: {
        verdict: sfn.JsonPath.stringAt('$.outcome.verdict'),
        counts: sfn.JsonPath.objectAt('$.outcome.counts'),
        blockingItems: sfn.JsonPath.listAt('$.outcome.blockingItems'),
        report: sfn.JsonPath.objectAt('$.outcome.report'),
      },
    });
    const notify = new tasks.SnsPublish(this, 'Notify', {
      topic: props.alertTopic,
      subject: sfn.JsonPath.stringAt('$.outcome.notification.subject'),
      message: sfn.TaskInput.fromJsonPathAt('$.outcome.notification.message'),
      resultPath: sfn.JsonPath.DISCARD,
    });
    notify.addRetry({
      errors: ['SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException'],
      maxAttempts: 3,
      interval: Duration.seconds(2),
      backoffRate: 2,
    });
    notify.addCatch(output, { errors: ['States.ALL'], resultPath: '$.notifyError' });

    const definition = loadConfiguration
      .next(validateInput)
      .next(runChecks)
      .next(buildReport)
      .next(notify)
      .next(output);

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: props.timeout ?? Duration.minutes(30),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'Logs', {
          retention: logs.RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: true,
      },
    });
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing and CloudWatch Logs delivery actions of Step Functions do not support resource-level permissions.',
      },
      ...this.functions.map((fn) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason:
          'Step Functions may invoke any version of the Preflight function; the grant is limited to that function.',
      })),
    );
  }
}
