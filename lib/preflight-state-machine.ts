import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export interface PreflightStateMachineProps {
  readonly definition: sfn.IChainable;
  /** Longest an execution may run. */
  readonly timeout: Duration;
  /** The key of the alert topic the machine publishes to. */
  readonly alertKey: kms.IKey;
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The house state machine: every Preflight workflow is a Standard workflow, logs every event with
 * its data to its own log group, traces with X-Ray, has an explicit timeout, and may publish to the
 * KMS-encrypted alert topic.
 */
export class PreflightStateMachine extends sfn.StateMachine {
  constructor(scope: Construct, id: string, props: PreflightStateMachineProps) {
    super(scope, id, {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
      timeout: props.timeout,
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(scope, `${id}Logs`, {
          retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: true,
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
