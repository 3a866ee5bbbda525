import { Aws, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { ResourcePermission } from '../../lambdas/core/checks/types';

/** The resource patterns of a permission as ARNs of the stack's partition. */
export function resourceArns(permission: ResourcePermission): string[] {
  return permission.resources.map((resource) => `arn:${Aws.PARTITION}:${resource}`);
}

/** One Allow statement per action the checks need on some resources only (`apigateway:GET` on the paths they read). */
export function resourcePermissionStatements(
  permissions: readonly ResourcePermission[],
): iam.PolicyStatement[] {
  return permissions.map(
    (permission) =>
      new iam.PolicyStatement({
        sid: `ReadOnlyAuditPaths${permission.action.replace(/[^A-Za-z0-9]/g, '')}`,
        actions: [permission.action],
        resources: resourceArns(permission),
      }),
  );
}

/** Acknowledges, on the policy or role that holds them, the wildcards of these permissions' paths. */
export function acknowledgeResourcePermissions(
  owner: IConstruct,
  permissions: readonly ResourcePermission[],
): void {
  for (const permission of permissions) {
    for (const resource of permission.resources.filter((r) => r.includes('*'))) {
      Validations.of(owner).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:${resource}]`,
        reason: `${permission.action} is allowed only on the path ${resource.slice(resource.indexOf('::') + 2)}, in any region because the audit reads every region it is configured for: read-only API Gateway metadata, never API keys, whose values the same action returns on other paths.`,
      });
    }
  }
}
