import type { DeploymentGroup } from '../../ports';

/** The name a deployment group goes by in messages: `application/group`. */
export const groupLabel = (group: Pick<DeploymentGroup, 'applicationName' | 'deploymentGroupName'>) =>
  `${group.applicationName}/${group.deploymentGroupName}`;

/** What every finding on a deployment group shows of it. */
export function groupEvidence(group: DeploymentGroup): Record<string, unknown> {
  return {
    deploymentGroup: groupLabel(group),
    computePlatform: group.computePlatform ?? null,
    deploymentType: group.deploymentType ?? null,
    deploymentConfigName: group.deploymentConfigName,
  };
}
