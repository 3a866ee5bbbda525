import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { type CfnResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionEnvironment, VariablesOf } from '../lambdas/handlers/environment';
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
 * when it is invoked asynchronously.
 */
export class PreflightFunction<
  E extends FunctionEnvironment = FunctionEnvironment,
> extends nodejs.NodejsFunction {
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
      ...(invocation.kind === 'asynchronous' ? { deadLetterQueue: invocation.deadLetterQueue } : {}),
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
        // A linked external .map: stack traces name the TypeScript file, line and column (the
        // functions run with --enable-source-maps). Without the sources' text in it: a trace needs
        // only the mappings, and the text made the map three times larger.
        sourceMap: true,
        esbuildArgs: { '--sources-content': 'false' },
        target: 'node24',
        format: nodejs.OutputFormat.CJS,
        // The SDK's ES module builds, which esbuild can tree-shake: a client brings the commands the
        // function sends, not every command, paginator and waiter of its service (CommonJS builds).
        mainFields: ['module', 'main'],
        // esbuild's own log level (info): `cdk synth` prints each bundle's size, marked ⚠️ above
        // 1 MB; no bundle is (the bundling test holds them under it, `npm run bench:lambdas` measures
        // each against the one-client floor).
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
