import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, type CfnResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionEnvironment, VariablesOf } from '../lambdas/handlers/environment';
import { LocalEsbuildBundling } from './bundling/local-bundling';
import type { DeadLetterQueue } from './dead-letter-queue';
import { PreflightLogGroup } from './log-group';

/**
 * The package's root (the directory of its package.json), where the handlers' sources live, so
 * entries can be given relative to it. Found by walking up: this module runs from `lib/` in the
 * repository and from `dist/lib/` when an app imports the built construct library.
 */
export const PROJECT_ROOT = packageRoot(__dirname);

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

/** Template metadata key naming a function's handler module, read by the local workflow harness. */
export const HANDLER_METADATA_KEY = 'preflight:handler';

/**
 * How a function is invoked, which decides where a failed invocation goes.
 * - `synchronous`: only ever called and awaited by `by` (a Step Functions task), which sees every
 *   error and retries or catches it; a dead-letter queue would never receive anything.
 * - `asynchronous`: invoked as an event (a schedule); what still fails after Lambda's retries goes to
 *   `deadLetterQueue`, which is alarmed.
 */
export type Invocation =
  | { readonly kind: 'synchronous'; readonly by: string }
  | { readonly kind: 'asynchronous'; readonly deadLetterQueue: DeadLetterQueue };

/** Invoked only by Step Functions tasks, the way every workflow function is. */
export const BY_STEP_FUNCTIONS: Invocation = { kind: 'synchronous', by: 'Step Functions tasks' };

export interface PreflightFunctionProps<E extends FunctionEnvironment = FunctionEnvironment> {
  /** Handler module, relative to the repository root, e.g. `lambdas/handlers/audit/build-report.ts`. */
  readonly entry: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /**
   * The handler's environment (its `functionEnvironment(...)`, validated by the base middleware at
   * cold start): it types `environment`.
   */
  readonly environmentSchema: E;
  /**
   * Every variable the handler reads beyond the platform's own, and no other: a missing or
   * misspelled one is a compile error. Values known at synth are checked by the schema here.
   */
  readonly environment: NoInfer<VariablesOf<E>>;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /**
   * Below a year, Control Tower's CT.CLOUDWATCH.PR.2 refuses the stack.
   * @default LOG_RETENTION (one year)
   */
  readonly logRetention?: logs.RetentionDays;
  /** How the function is invoked: decides whether it has a dead-letter queue. */
  readonly invocation: Invocation;
  /**
   * A fixed name for the function's role, for a role that other accounts trust by ARN
   * (see `lib/hub-roles.ts`).
   * @default - a name CloudFormation generates
   */
  readonly roleName?: string;
}

/**
 * The variables whose value is known at synth (not a reference to another resource), checked by the
 * handler's own schema: a value it would refuse at cold start fails the synth instead.
 */
function checkKnownValues(id: string, environment: FunctionEnvironment, values: object): void {
  const shape = environment.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  for (const [name, value] of Object.entries(values)) {
    if (Token.isUnresolved(value)) continue;
    if (shape[name]?.safeParse(value).success !== true) {
      throw new Error(
        `Function ${id}: environment variable ${name}=${JSON.stringify(value)} is not what its handler (${environment.function}) accepts`,
      );
    }
  }
}

/**
 * The house Lambda function: every Preflight function gets the same platform defaults
 * (Node.js 24 on ARM64, X-Ray tracing, JSON logs into its own encrypted log group kept a year,
 * source maps, and the pinned AWS SDK bundled rather than the runtime's), and a dead-letter queue
 * when it is invoked asynchronously. Its code is the handler bundled by esbuild on this machine (no
 * Docker) with the options every function shares (`lib/bundling/options.ts`).
 */
export class PreflightFunction<E extends FunctionEnvironment = FunctionEnvironment> extends lambda.Function {
  constructor(scope: Construct, id: string, props: PreflightFunctionProps<E>) {
    checkKnownValues(id, props.environmentSchema, props.environment);
    const logGroup = new PreflightLogGroup(scope, `${id}Logs`, {
      ...(props.logRetention === undefined ? {} : { retention: props.logRetention }),
    });
    const { invocation } = props;
    // An inline role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the Preflight function ${id}`,
      ...(props.roleName === undefined ? {} : { roleName: props.roleName }),
    });
    logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    const runtime = lambda.Runtime.NODEJS_24_X;
    super(scope, id, {
      role,
      code: lambda.Code.fromAsset(PROJECT_ROOT, {
        // The bundle's own content names the asset: an unchanged bundle is not uploaded again.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Required by CDK for bundling in a container; never used: local bundling always answers.
          image: runtime.bundlingImage,
          local: new LocalEsbuildBundling(PROJECT_ROOT, props.entry),
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup,
      timeout: props.timeout ?? Duration.seconds(60),
      memorySize: props.memorySize ?? 512,
      ...(invocation.kind === 'asynchronous' ? { deadLetterQueue: invocation.deadLetterQueue } : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'preflight',
        // Stack traces through the bundle's external source map name the TypeScript file and line.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
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
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason:
        'Preflight functions reach AWS service APIs and, for the TLS check, the public HTTPS endpoints the configuration names; nothing they reach is inside a VPC, so a VPC would add NAT or interface endpoints without isolating anything.',
    });
    if (invocation.kind === 'synchronous') {
      Validations.of(this).acknowledge({
        id: 'Serverless::Serverless-LambdaDLQ',
        reason: `Invoked only synchronously, by ${invocation.by}, which sees every error and retries or catches it; a dead-letter queue only receives failed asynchronous invocations.`,
      });
    }
  }
}
