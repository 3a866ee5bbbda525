import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Preflight's named roles as one principal, so a member role's trust policy is one statement listing
 * each role ARN whatever the app's feature flags (one statement per ARN would repeat the external id
 * condition and could pass IAM's 2,048-character trust policy limit).
 */
export class TrustedRoles extends iam.PrincipalBase {
  constructor(private readonly arns: readonly string[]) {
    super();
    if (arns.length === 0) throw new TypeError('TrustedRoles needs at least one role ARN');
  }

  get policyFragment(): iam.PrincipalPolicyFragment {
    return new iam.PrincipalPolicyFragment({ AWS: [...this.arns] });
  }

  dedupeString(): string {
    return `TrustedRoles:${JSON.stringify(this.arns)}`;
  }

  override toString(): string {
    return `TrustedRoles(${this.arns.join(', ')})`;
  }
}
