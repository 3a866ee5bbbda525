import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { PreflightLogGroup } from './log-group';

export interface PreflightStateMachineProps {
  readonly definition: sfn.IChainable;
  /** Longest an execution may run. */
  readonly timeout: Duration;
  /** The key of the alert topic the machine publishes to. */
  readonly alertKey: kms.IKey;
  /** Below a year, Control Tower's CT.CLOUDWATCH.PR.2 refuses the stack. @default LOG_RETENTION (one year) */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The house state machine: every Preflight workflow is a Standard workflow, logs every event (but
 * not its data: inputs and outputs carry task tokens and people's names) to its own encrypted log
 * group, traces with X-Ray, has an explicit timeout, and may publish to the KMS-encrypted alert topic.
 */
export class PreflightStateMachine extends sfn.StateMachine {
  constructor(scope: Construct, id: string, props: PreflightStateMachineProps) {
    super(scope, id, {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
      timeout: props.timeout,
      tracingEnabled: true,
      logs: {
        destination: new PreflightLogGroup(scope, `${id}Logs`, {
          ...(props.logRetention === undefined ? {} : { retention: props.logRetention }),
        }),
        level: sfn.LogLevel.ALL,
        // A sign-off task's input holds its task token, and reports name the people who answered.
        includeExecutionData: false,
      },
    });
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.alertKey.keyArn],
      }),
    );
  }
}
