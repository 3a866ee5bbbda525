import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { healthCheckFinding } from '../../finding';
import type { TargetGroup } from '../../ports';

type Settings = Pick<CheckSettings['load-balancer-health-checks'], 'maxDetectionSeconds' | 'allowRootPath'>;

/** The time a dead target keeps receiving traffic: `unhealthyThreshold` failed checks, `interval` apart. */
export function detectionSeconds(group: TargetGroup): number | undefined {
  return group.intervalSeconds === undefined || group.unhealthyThreshold === undefined
    ? undefined
    : group.intervalSeconds * group.unhealthyThreshold;
}

/**
 * `health-check`: the target group checks its targets, and sensibly. Disabled: FAIL (the load balancer
 * keeps sending traffic to dead targets). A dead target detected only after more than
 * `maxDetectionSeconds` (interval × unhealthy threshold), a timeout not shorter than the interval, or
 * an HTTP check of `/` (it proves the server answers, not that the service works; `allowRootPath`
 * accepts it): WARN, each reason named. A Lambda target group with health checks off (AWS's default
 * for Lambda targets): PASS, because its one target is the function, and a load balancer sends
 * traffic to a group whose every target is unhealthy anyway: the checks would change no routing.
 */
export function judgeHealthCheck(group: TargetGroup, settings: Settings): Finding {
  const detection = detectionSeconds(group);
  const evidence = {
    targetGroup: group.name,
    targetType: group.targetType ?? null,
    loadBalancers: group.loadBalancerArns.length,
    healthCheckEnabled: group.healthCheckEnabled,
    protocol: group.healthCheckProtocol ?? null,
    path: group.healthCheckPath ?? null,
    intervalSeconds: group.intervalSeconds ?? null,
    timeoutSeconds: group.timeoutSeconds ?? null,
    healthyThreshold: group.healthyThreshold ?? null,
    unhealthyThreshold: group.unhealthyThreshold ?? null,
    detectionSeconds: detection ?? null,
    maxDetectionSeconds: settings.maxDetectionSeconds,
  };
  if (!group.healthCheckEnabled && group.targetType === 'lambda') {
    return healthCheckFinding('health-check', group.arn, {
      status: 'PASS',
      message: `${group.name} forwards to a Lambda function with health checks off (AWS's default for Lambda targets): its one target takes the traffic whatever its health, so checks would route nothing away.`,
      evidence,
    });
  }
  if (!group.healthCheckEnabled) {
    return healthCheckFinding('health-check', group.arn, {
      status: 'FAIL',
      message: `${group.name} has health checks turned off: traffic keeps going to targets that stopped answering.`,
      evidence,
      remediation: `Turn health checks on with a path that exercises the service (aws elbv2 modify-target-group --target-group-arn ${group.arn} --health-check-enabled --health-check-path /health).`,
    });
  }
  const problems: string[] = [];
  if (detection !== undefined && detection > settings.maxDetectionSeconds) {
    problems.push(
      `a dead target is detected only after ${detection} s (${group.unhealthyThreshold} checks ${group.intervalSeconds} s apart; limit ${settings.maxDetectionSeconds} s)`,
    );
  }
  if (
    group.timeoutSeconds !== undefined &&
    group.intervalSeconds !== undefined &&
    group.timeoutSeconds >= group.intervalSeconds
  ) {
    problems.push(
      `the timeout (${group.timeoutSeconds} s) is not shorter than the interval (${group.intervalSeconds} s)`,
    );
  }
  const http = group.healthCheckProtocol === 'HTTP' || group.healthCheckProtocol === 'HTTPS';
  if (http && !settings.allowRootPath && (group.healthCheckPath ?? '/') === '/') {
    problems.push('it checks `/`, which proves the server answers, not that the service works');
  }
  if (problems.length > 0) {
    return healthCheckFinding('health-check', group.arn, {
      status: 'WARN',
      message: `${group.name}: ${problems.join('; ')}.`,
      evidence,
      remediation:
        'Check a path that exercises the service and its dependencies (/health), every 10 to 30 s, 2 or 3 failures to mark a target unhealthy, a timeout shorter than the interval.',
    });
  }
  return healthCheckFinding('health-check', group.arn, {
    status: 'PASS',
    message: `${group.name} checks ${http ? `${group.healthCheckProtocol} ${group.healthCheckPath ?? '/'}` : (group.healthCheckProtocol ?? 'its targets')} every ${group.intervalSeconds ?? '?'} s; a dead target is out within ${detection ?? '?'} s.`,
    evidence,
  });
}
