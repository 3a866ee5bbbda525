import type { Finding } from '../../../../findings';
import { strategyFinding } from '../../finding';
import type { DeploymentGroup } from '../../ports';
import { groupEvidence, groupLabel } from './evidence';

/** The events a deployment group must roll back on: a failed deployment, and one an alarm stopped. */
export const ROLLBACK_EVENTS = ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] as const;

/**
 * `auto-rollback`: CodeDeploy rolls back by itself when a deployment fails AND when an alarm stops
 * it. Either missing (or automatic rollback off) FAILs, naming what is missing.
 */
export function judgeAutoRollback(resource: string, group: DeploymentGroup): Finding {
  const label = groupLabel(group);
  const { enabled, events } = group.autoRollback;
  const missing = ROLLBACK_EVENTS.filter((event) => !enabled || !events.includes(event));
  const evidence = { ...groupEvidence(group), autoRollbackEnabled: enabled, events };
  if (missing.length === 0) {
    return strategyFinding('auto-rollback', resource, {
      status: 'PASS',
      message: `${label} rolls back by itself when a deployment fails and when an alarm stops it.`,
      evidence,
    });
  }
  return strategyFinding('auto-rollback', resource, {
    status: 'FAIL',
    message: enabled
      ? `${label} does not roll back by itself on ${missing.join(' or ')}: a bad deployment stays until someone acts.`
      : `${label} has automatic rollback turned off: a failed or stopped deployment stays until someone acts.`,
    remediation: `Turn automatic rollback on for both events (aws deploy update-deployment-group --application-name ${group.applicationName} --current-deployment-group-name ${group.deploymentGroupName} --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE,DEPLOYMENT_STOP_ON_ALARM).`,
    evidence,
  });
}
