import { ArnFormat, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { WatchSettings } from '../../lambdas/core/config/watch-schema';

/** What the act function needs for the configured rollback action, and why any wildcard is there. */
export interface RollbackPermissions {
  readonly statements: readonly iam.PolicyStatement[];
  /** Set when a statement needs a wildcard resource: the resource as cdk-nag names it, and why. */
  readonly wildcard?: { readonly resource: string; readonly reason: string };
}

/** The ARN of a configured CodeDeploy deployment group, in the stack's account and region. */
export function deploymentGroupArn(
  stack: Stack,
  group: { readonly applicationName: string; readonly deploymentGroupName: string },
): string {
  return stack.formatArn({
    service: 'codedeploy',
    resource: 'deploymentgroup',
    resourceName: `${group.applicationName}/${group.deploymentGroupName}`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * IAM for `watch.rollback`, decided at synth time from the configuration, the only place a rollback
 * is aimed. Resource types follow the Service Authorization Reference: `codedeploy:GetDeployment`
 * authorizes on the deployment group (`deploymentgroup*`), so it is granted on the configured groups
 * alone; `codedeploy:StopDeployment` defines no resource type, so it can only be granted on `*`, and
 * the act function calls it only once GetDeployment (which IAM limits to the configured groups) has
 * shown the deployment belongs to one of them.
 */
export function rollbackStatements(stack: Stack, rollback: WatchSettings['rollback']): RollbackPermissions {
  switch (rollback.action) {
    case 'none':
      return { statements: [] };
    case 'codedeploy':
      return {
        statements: [
          new iam.PolicyStatement({
            actions: ['codedeploy:GetDeployment'],
            resources: rollback.deploymentGroups.map((group) => deploymentGroupArn(stack, group)),
          }),
          new iam.PolicyStatement({ actions: ['codedeploy:StopDeployment'], resources: ['*'] }),
        ],
        wildcard: {
          resource: '*',
          reason:
            'codedeploy:StopDeployment defines no resource type in the Service Authorization Reference, so it can only be granted on *; the function stops a deployment only after codedeploy:GetDeployment, granted on the configured deployment groups alone, shows it belongs to one of them.',
        },
      };
    case 'lambda':
      return {
        statements: [
          new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [rollback.functionArn] }),
        ],
      };
    case 'ssm-automation': {
      // Any version of the document: `name:*`.
      const versions = `${rollback.documentName}:*`;
      const named = `automation-definition/${versions}`;
      const definition = rollback.documentName.startsWith('arn:')
        ? `${rollback.documentName.replace(':document/', ':automation-definition/')}:*`
        : stack.formatArn({
            service: 'ssm',
            resource: 'automation-definition',
            resourceName: versions,
          });
      // Concrete role ARNs only (the configuration refuses wildcards), passed to SSM only.
      const roles = rollback.parameters.AutomationAssumeRole ?? [];
      return {
        statements: [
          new iam.PolicyStatement({ actions: ['ssm:StartAutomationExecution'], resources: [definition] }),
          ...(roles.length === 0
            ? []
            : [
                new iam.PolicyStatement({
                  actions: ['iam:PassRole'],
                  resources: roles,
                  conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
                }),
              ]),
        ],
        wildcard: {
          resource: rollback.documentName.startsWith('arn:')
            ? definition
            : `arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:${named}`,
          reason:
            'Any version of the configured Automation document (`:*`); the grant is limited to that document.',
        },
      };
    }
  }
}
