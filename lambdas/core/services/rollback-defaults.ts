import type { WatchSettings } from '../config/watch-schema';

/**
 * What a service's watch rollback tells its checks: the CodeDeploy deployment groups whose strategy
 * `deployment-strategy` judges, or the SSM Automation document `rollback-tested` looks for runs of.
 * Laid under the service's own `checks`, so a service that names its own keeps them.
 */
export function rollbackCheckDefaults(rollback: WatchSettings['rollback']): Record<string, unknown> {
  switch (rollback.action) {
    case 'codedeploy':
      return { 'deployment-strategy': { deploymentGroups: rollback.deploymentGroups } };
    case 'ssm-automation':
      return { 'rollback-tested': { documents: [rollback.documentName] } };
    default:
      return {};
  }
}
