import { ArnFormat, type CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { controlKeyPatterns } from '../lambdas/core/control/keys';
import { controlSettings } from '../lambdas/core/control/settings';
import { ControlEnvironment } from '../lambdas/handlers/control/env';
import type { VariablesOf } from '../lambdas/handlers/environment';
import { nagWhere } from './nag-ids';
import { PreflightFunction } from './preflight-function';
import type { IReportBucket } from './report-bucket';

export interface ControlEndpointProps {
  /** The validated configuration: who may sign off, override the window and abort. */
  readonly config: PreflightConfig;
  /** Where sign-off requests are read and answers, overrides and aborts are recorded. */
  readonly reportBucket: IReportBucket;
  /** The watch machine whose running executions may be aborted. */
  readonly watchStateMachine: sfn.StateMachine;
}

/** Lambda environment variables share 4 KB; leave room for the platform's own and the other variables. */
const MAX_SETTINGS_BYTES = 3000;

/** The actions the control function is granted, and no others (besides its logs and X-Ray). */
export const CONTROL_ACTIONS = {
  sendTask: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
  describeWatch: ['states:DescribeExecution'],
} as const;

/**
 * The control endpoint: one function behind a function URL with AWS_IAM auth, through which people
 * and pipelines answer sign-offs, override the deployment window and abort a watched deployment. The
 * caller is who AWS authenticated the signed request as; the function checks it against the
 * configuration (`gate.signoffs.approvers`, `gate.window.overrideBy`, `watch.abortBy`) and records it.
 * It is the only principal that may release a sign-off task (SendTask*), read a sign-off request (its
 * task token), or write an answer, override or abort (see the report bucket's policy, set by the stack).
 */
export class ControlEndpoint extends Construct {
  readonly function: PreflightFunction;
  readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: ControlEndpointProps) {
    super(scope, id);
    const { reportBucket } = props;
    const settings = JSON.stringify(controlSettings(props.config));
    if (Buffer.byteLength(settings) > MAX_SETTINGS_BYTES) {
      throw new Error(
        `gate.signoffs.approvers, gate.window.overrideBy and watch.abortBy take ${Buffer.byteLength(settings)} bytes; the control function carries at most ${MAX_SETTINGS_BYTES}. Use wildcards or fewer, broader roles.`,
      );
    }
    const environment: VariablesOf<typeof ControlEnvironment> = {
      REPORT_BUCKET: reportBucket.bucket.bucketName,
      WATCH_STATE_MACHINE_ARN: props.watchStateMachine.stateMachineArn,
      CONTROL_SETTINGS: settings,
    };
    this.function = new PreflightFunction(this, 'ControlFunction', {
      entry: 'lambdas/handlers/control/endpoint.ts',
      description:
        'Preflight control endpoint: sign-off answers, window overrides, watch aborts (IAM-authenticated)',
      environmentSchema: ControlEnvironment,
      environment,
      timeout: Duration.seconds(15),
      memorySize: 256,
      invocation: {
        kind: 'synchronous',
        by: 'its IAM-authenticated function URL, whose caller receives every error',
      },
    });
    this.url = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    const role = this.function.role as iam.IRole;
    reportBucket.grantObjects(
      role,
      ['s3:GetObject'],
      [
        controlKeyPatterns.signoffRequest,
        controlKeyPatterns.signoffAnswer,
        controlKeyPatterns.windowOverride,
        controlKeyPatterns.watchAbort,
      ],
    );
    reportBucket.grantObjects(
      role,
      ['s3:PutObject'],
      [controlKeyPatterns.signoffAnswer, controlKeyPatterns.windowOverride, controlKeyPatterns.watchAbort],
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...CONTROL_ACTIONS.sendTask], resources: ['*'] }),
    );
    const stack = Stack.of(this);
    const watchExecutions = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${props.watchStateMachine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...CONTROL_ACTIONS.describeWatch], resources: [watchExecutions] }),
    );

    const machineId = stack.getLogicalId(props.watchStateMachine.node.defaultChild as CfnResource);
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'states:SendTaskSuccess and SendTaskFailure support no resource-level permissions (the task token names the task); this function takes tokens only from sign-off requests that the bucket policy lets it alone read. X-Ray likewise takes no resource.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${nagWhere(this).region}:${nagWhere(this).account}:execution:<${machineId}.Name>:*]`,
        reason:
          'Watch executions are named per deployment at run time; DescribeExecution is limited to the watch machine.',
      },
    );
  }
}
