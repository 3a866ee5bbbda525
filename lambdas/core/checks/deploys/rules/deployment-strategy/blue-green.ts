import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { strategyFinding } from '../../finding';
import type { DeploymentGroup } from '../../ports';
import { groupEvidence, groupLabel } from './evidence';

type Settings = Pick<CheckSettings['deployment-strategy'], 'blueGreen'>;

/**
 * `blue-green`: the new version goes to a new fleet while the old one keeps serving. Lambda and
 * ECS deployment groups are blue/green by nature (a new version, a new task set); an EC2 group
 * deploying in place FAILs, unless `blueGreen` is off for the service.
 */
export function judgeBlueGreen(resource: string, group: DeploymentGroup, settings: Settings): Finding {
  const label = groupLabel(group);
  const evidence = { ...groupEvidence(group), blueGreenRequired: settings.blueGreen };
  if (group.computePlatform === 'Lambda' || group.computePlatform === 'ECS') {
    return strategyFinding('blue-green', resource, {
      status: 'PASS',
      message: `${label} deploys ${group.computePlatform === 'Lambda' ? 'a new function version behind its alias' : 'a new task set beside the original'}: blue/green.`,
      evidence,
    });
  }
  if (group.deploymentType === 'BLUE_GREEN') {
    return strategyFinding('blue-green', resource, {
      status: 'PASS',
      message: `${label} deploys blue/green: a replacement fleet, then traffic moves to it.`,
      evidence,
    });
  }
  if (!settings.blueGreen) {
    return strategyFinding('blue-green', resource, {
      status: 'PASS',
      message: `${label} deploys in place, as configured for this service (blueGreen: false).`,
      evidence,
    });
  }
  return strategyFinding('blue-green', resource, {
    status: 'FAIL',
    message: `${label} deploys in place: the running instances are replaced, and there is no untouched fleet to return to.`,
    remediation: `Switch the deployment group to blue/green (aws deploy update-deployment-group --application-name ${group.applicationName} --current-deployment-group-name ${group.deploymentGroupName} --deployment-style deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL), or set checks.deployment-strategy.blueGreen to false for a service that deploys in place by design.`,
    evidence,
  });
}
