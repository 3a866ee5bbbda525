import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface PreflightKeyProps {
  /** What the key encrypts, shown in the console. */
  readonly description: string;
  /**
   * Keep the key when the stack is deleted: required when what it encrypts is kept (a retained bucket).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The house customer-managed key: rotated yearly, and no grant may be created on it except by an AWS
 * service for an AWS resource (Control Tower CT.KMS.PR.3). Preflight itself uses no grants: the
 * services it encrypts with (SNS, S3, CloudWatch Logs) call the key directly.
 */
export class PreflightKey extends kms.Key {
  constructor(scope: Construct, id: string, props: PreflightKeyProps) {
    super(scope, id, {
      description: props.description,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsResourcesByAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }
}
