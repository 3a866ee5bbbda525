import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { strategyFinding } from '../../finding';
import type { DeploymentConfig, DeploymentGroup } from '../../ports';
import { groupEvidence, groupLabel } from './evidence';

type Settings = Pick<CheckSettings['deployment-strategy'], 'gradualTraffic'>;

/** How the configuration moves traffic, in words, and whether it is gradual; `undefined` when it does not say. */
function pace(
  group: DeploymentGroup,
  config: DeploymentConfig,
): { gradual: boolean; words: string } | undefined {
  const routing = config.trafficRouting;
  if (group.computePlatform === 'Lambda' || group.computePlatform === 'ECS') {
    if (routing === undefined) return undefined;
    const share = `${routing.percentage ?? '?'}%`;
    const minutes = `${routing.intervalMinutes ?? '?'} min`;
    if (routing.type === 'TimeBasedCanary') {
      return { gradual: true, words: `canary: ${share} first, the rest after ${minutes}` };
    }
    if (routing.type === 'TimeBasedLinear') {
      return { gradual: true, words: `linear: ${share} more every ${minutes}` };
    }
    if (routing.type === 'AllAtOnce') return { gradual: false, words: 'all traffic at once' };
    return undefined;
  }
  const hosts = config.minimumHealthyHosts;
  if (hosts === undefined) return undefined;
  const kept = hosts.type === 'FLEET_PERCENT' ? `${hosts.value}% of the fleet` : `${hosts.value} instance(s)`;
  return hosts.value > 0
    ? { gradual: true, words: `in steps, keeping ${kept} healthy` }
    : { gradual: false, words: 'every instance at once' };
}

/**
 * `traffic-shift`: the deployment configuration moves traffic gradually (a canary or linear step
 * for Lambda and ECS, a minimum of healthy hosts for EC2). All at once FAILs when the service asks
 * for gradual traffic; a configuration that could not be read is ERROR, one that does not say WARN.
 */
export function judgeTrafficShift(
  resource: string,
  group: DeploymentGroup,
  config: Outcome<DeploymentConfig>,
  settings: Settings,
): Finding {
  const label = groupLabel(group);
  const evidence = { ...groupEvidence(group), gradualRequired: settings.gradualTraffic };
  if (!config.ok) return errorFinding(strategyFinding, 'traffic-shift', resource, config.error, evidence);
  const seen = {
    ...evidence,
    trafficRouting: config.value.trafficRouting ?? null,
    minimumHealthyHosts: config.value.minimumHealthyHosts ?? null,
  };
  const how = pace(group, config.value);
  if (how === undefined) {
    return strategyFinding('traffic-shift', resource, {
      status: 'WARN',
      message: `Could not tell how ${config.value.name}, the configuration of ${label}, moves traffic: it names no traffic routing or minimum of healthy hosts Preflight knows.`,
      remediation:
        'Check the deployment configuration (aws deploy get-deployment-config) and use a canary or linear one.',
      evidence: seen,
    });
  }
  if (how.gradual || !settings.gradualTraffic) {
    return strategyFinding('traffic-shift', resource, {
      status: 'PASS',
      message: `${label} moves traffic with ${config.value.name} (${how.words})${how.gradual ? '' : ', as configured for this service (gradualTraffic: false)'}.`,
      evidence: seen,
    });
  }
  return strategyFinding('traffic-shift', resource, {
    status: 'FAIL',
    message: `${label} uses ${config.value.name}: ${how.words}, so a bad version reaches every user before an alarm can stop it.`,
    remediation:
      group.computePlatform === 'Lambda' || group.computePlatform === 'ECS'
        ? `Use a canary or linear configuration (e.g. CodeDeployDefault.${group.computePlatform === 'ECS' ? 'ECS' : 'Lambda'}Canary10Percent5Minutes) for the deployment group.`
        : 'Use a configuration that keeps most of the fleet healthy (e.g. CodeDeployDefault.HalfAtATime or OneAtATime).',
    evidence: seen,
  });
}
