import { ArnFormat, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { WatchSettings } from '../../lambdas/core/config/watch-schema';

/** What the act function needs for the configured rollback action, and why any wildcard is there. */
export interface RollbackPermissions {
  readonly statements: readonly iam.PolicyStatement[];
  /** Set when a statement needs a wildcard resource: the resource as cdk-nag names it, and why. */
  readonly wildcard?: { readonly resource: string; readonly reason: string };
}

/**
 * IAM for `watch.rollback`, decided at synth time: a rollback action given in the execution input
 * can only use what the configured one was granted (otherwise it fails, is recorded and notified).
 */
export function rollbackStatements(stack: Stack, rollback: WatchSettings['rollback']): RollbackPermissions {
  switch (rollback.action) {
    case 'none':
      return { statements: [] };
    case 'codedeploy':
      return {
        statements: [
          new iam.PolicyStatement({
            actions: ['codedeploy:StopDeployment'],
            resources: [
              stack.formatArn({
                service: 'codedeploy',
                resource: 'deploymentgroup',
                resourceName: '*',
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        ],
        wildcard: {
          resource: 'arn:<AWS::Partition>:codedeploy:<AWS::Region>:<AWS::AccountId>:deploymentgroup:*',
          reason:
            'The deployment to stop is named at run time; StopDeployment is authorized on deployment groups, limited to this account and region.',
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
