import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The deploys family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const deploysCatalogue = {
  'deployment-strategy': {
    id: 'deployment-strategy',
    title:
      'Deployments are blue/green, shift traffic gradually, keep the old fleet and roll back on failure and on alarms',
    permissions: [
      'codedeploy:GetDeploymentGroup',
      'codedeploy:GetDeploymentConfig',
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:DescribeServices',
      'lambda:ListFunctions',
      'lambda:GetAlias',
      'cloudwatch:DescribeAlarms',
      'sns:ListSubscriptionsByTopic',
      'sns:GetTopicAttributes',
      // A topic naming its key by ARN: whether KMS says AWS manages it (metadata only).
      'kms:DescribeKey',
      ...SCOPE_PERMISSIONS,
    ],
    scope: { kind: 'resources', types: ['ecs:service', 'lambda:function'] },
  },
  'rollback-tested': {
    id: 'rollback-tested',
    title: 'The rollback has run successfully within the period',
    permissions: ['ssm:DescribeAutomationExecutions'],
    // A service names its documents in checks.rollback-tested.documents, or through its watch.rollback.
    scope: { kind: 'settings', key: 'checks.rollback-tested.documents' },
  },
} as const satisfies FamilyCatalogue;
