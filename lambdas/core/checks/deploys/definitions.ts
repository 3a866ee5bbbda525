import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { type CheckDefinition, SCOPE_PERMISSIONS } from '../types';
import { judgeRollbackTested } from './rollback-runs';
import { judgeDeploymentStrategy } from './strategy';

/** The checks of how a release is deployed and rolled back. */
export const deploysChecks: {
  readonly 'deployment-strategy': CheckDefinition<'deployment-strategy'>;
  readonly 'rollback-tested': CheckDefinition<'rollback-tested'>;
} = {
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
      ...SCOPE_PERMISSIONS,
    ],
    scope: { kind: 'resources', types: ['ecs:service', 'lambda:function'] },
    run: (account, settings, now, scope = WHOLE_ACCOUNT) =>
      judgeDeploymentStrategy(account, settings, now, scope),
  },
  'rollback-tested': {
    id: 'rollback-tested',
    title: 'The rollback has run successfully within the period',
    permissions: ['ssm:DescribeAutomationExecutions'],
    // A service names its documents in checks.rollback-tested.documents, or through its watch.rollback.
    scope: { kind: 'settings', key: 'checks.rollback-tested.documents' },
    run: (account, settings, now) => judgeRollbackTested(account.deploys, settings, now),
  },
};
