import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { auditPermissions, auditResourcePermissions } from '../../lambdas/core/checks/catalogue';
import { acknowledgeResourcePermissions, resourcePermissionStatements } from '../audit/resource-permissions';
import { denySecretReads } from '../secret-reads';
import { TrustedRoles } from './trusted-roles';

/** What a watch reads in a member account besides the checks' metadata. */
export const WATCH_READ_ACTIONS = ['cloudwatch:GetMetricData'] as const;

export interface MemberAuditRoleProps {
  /** The role's name, which Preflight's configuration names (`environments.<env>.access.roleName`). */
  readonly roleName: string;
  /** The ARNs of the Preflight roles that may assume it (see `lib/hub-roles.ts`). */
  readonly trustedRoleArns: readonly string[];
  /** The external id they must pass. */
  readonly externalId: string;
}

/**
 * The read-only audit role of a member account: Preflight's checks, follow-ups and watches read the
 * account through it. It holds exactly the local check role's read-only actions (`auditPermissions()`)
 * plus the watch's metric reads, is denied every action that returns secret material, and trusts only
 * Preflight's named roles, each only with the external id.
 */
export class MemberAuditRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MemberAuditRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'Preflight reads this account through this role (read-only, never a secret value)',
      assumedBy: new TrustedRoles(props.trustedRoleArns),
      externalIds: [props.externalId],
      inlinePolicies: {
        ReadOnlyAudit: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'ReadOnlyAuditMetadata',
              actions: auditPermissions(),
              resources: ['*'],
            }),
            ...resourcePermissionStatements(auditResourcePermissions()),
            new iam.PolicyStatement({
              sid: 'ReadWatchMetrics',
              actions: [...WATCH_READ_ACTIONS],
              resources: ['*'],
            }),
            ...denySecretReads(),
          ],
        }),
      },
    });
    acknowledgeResourcePermissions(this.role, auditResourcePermissions());
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Preflight judges every resource of the account, so it reads metadata on all of them: the actions are the read-only List, Describe and Get-metadata calls of the checks (several have no resource-level permissions at all) and cloudwatch:GetMetricData (none either); every action that returns secret material is explicitly denied.',
    });
  }
}
