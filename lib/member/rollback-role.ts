import { type CfnCondition, type CfnResource, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TrustedRoles } from './trusted-roles';

/** A wildcard resource a rollback statement needs, as cdk-nag names it, and why. */
export interface RollbackWildcard {
  readonly resource: string;
  readonly reason: string;
}

export interface MemberRollbackRoleProps {
  /** The role's name (the same in every account that has one). */
  readonly roleName: string;
  /** The ARNs of the Preflight roles that may assume it: the watch's act roles. */
  readonly trustedRoleArns: readonly string[];
  /** The external id they must pass. */
  readonly externalId: string;
  /** Exactly what the account's configured rollback targets need (`memberRollbackPermissions`). */
  readonly statements: readonly iam.PolicyStatement[];
  /** The wildcards among `statements`, each acknowledged with its reason. */
  readonly wildcards: readonly RollbackWildcard[];
  /** Creates the role only where this holds (in the account whose targets these are). */
  readonly condition: CfnCondition;
}

/**
 * The rollback role of one member account: the watch's act function rolls a release back through it.
 * It may act on the account's configured rollback targets alone, and trusts only Preflight's act
 * roles, only with the external id. The stack set deploys one template everywhere; the condition
 * keeps the role (and its grants) to the account the targets are in.
 */
export class MemberRollbackRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MemberRollbackRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description:
        "Preflight's deployment watch rolls releases back through this role (configured targets only)",
      assumedBy: new TrustedRoles(props.trustedRoleArns),
      externalIds: [props.externalId],
      inlinePolicies: { Rollback: new iam.PolicyDocument({ statements: [...props.statements] }) },
    });
    (this.role.node.defaultChild as CfnResource).cfnOptions.condition = props.condition;
    for (const wildcard of new Map(props.wildcards.map((w) => [w.resource, w])).values()) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${wildcard.resource}]`,
        reason: wildcard.reason,
      });
    }
  }
}
