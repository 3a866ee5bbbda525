import * as path from 'node:path';
import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionEnvironment } from '../lambdas/handlers/env';

/** Where the repository's sources live, so entries can be given relative to it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** Template metadata key naming a function's handler module, read by the local workflow harness. */
export const HANDLER_METADATA_KEY = 'preflight:handler';

export interface PreflightFunctionProps {
  /** Handler module, relative to the repository root, e.g. `lambdas/handlers/audit/run-check.ts`. */
  readonly entry: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** Variables beyond the platform's own. Typed by the handlers' environment schema. */
  readonly environment?: Partial<FunctionEnvironment> & Record<string, string>;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The house Lambda function: every Preflight function gets the same platform defaults
 * (Node.js 24 on ARM64, X-Ray tracing, JSON logs into a log group with retention, source maps,
 * and the pinned AWS SDK bundled rather than the runtime's).
 */
export class PreflightFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: PreflightFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An inline role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the Preflight function ${id}`,
    });
    logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    super(scope, id, {
      role,
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup,
      timeout: props.timeout ?? Duration.seconds(60),
      memorySize: props.memorySize ?? 512,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'preflight',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        // Ship the pinned SDK: the runtime's bundled SDK changes under us.
        externalModules: [],
        minify: true,
        sourceMap: true,
        target: 'node24',
        format: nodejs.OutputFormat.CJS,
      },
    });
    (this.node.defaultChild as CfnResource).addMetadata(HANDLER_METADATA_KEY, props.entry);
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason: "Log streams are created at run time inside the function's own log group.",
      },
    );
    Validations.of(this).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason:
        'Preflight functions are invoked synchronously by Step Functions, which retries and catches failures; a DLQ only applies to asynchronous invocations.',
    });
  }
}
