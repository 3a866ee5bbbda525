import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { healthCheckFinding } from '../../finding';
import type { TargetGroup, TargetState } from '../../ports';

/** States of a target that takes no traffic because it failed: a FAIL. */
const FAILING = new Set(['unhealthy', 'unhealthy.draining', 'unavailable']);

/**
 * ELB's answer for a target of a group whose health checks are off: `unavailable`, not a failure.
 * The `health-check` rule judges the setting; this one does not count it twice.
 */
const NOT_CHECKED = 'Target.HealthCheckDisabled';
const unchecked = (t: TargetState) => t.reason === NOT_CHECKED;

const describe = (t: TargetState) =>
  `${t.target} ${t.state}${t.reason === undefined ? '' : ` (${t.reason}${t.description === undefined ? '' : `: ${t.description}`})`}`;

/**
 * `target-health`: every target registered in the group is healthy now. Any unhealthy or unavailable:
 * FAIL, naming them; none registered in a group a load balancer uses: FAIL (nothing to send traffic
 * to); only targets still starting, draining or unused: WARN. Targets not health-checked (the
 * group's checks are off, ELB answers `unavailable` with `Target.HealthCheckDisabled`): WARN, or
 * PASS for a Lambda target group, where off is AWS's default and changes no routing. The health
 * that could not be read: ERROR for that group alone.
 */
export function judgeTargetHealth(group: TargetGroup, health: Outcome<readonly TargetState[]>): Finding {
  if (!health.ok) {
    return errorFinding(healthCheckFinding, 'target-health', group.arn, health.error, {
      targetGroup: group.name,
    });
  }
  const targets = health.value;
  const byState: Record<string, number> = {};
  for (const t of targets) byState[t.state] = (byState[t.state] ?? 0) + 1;
  const evidence = {
    targetGroup: group.name,
    loadBalancers: group.loadBalancerArns.length,
    targets: targets.length,
    byState,
    notHealthy: targets.filter((t) => t.state !== 'healthy').map(describe),
  };
  if (targets.length === 0) {
    const used = group.loadBalancerArns.length > 0;
    return healthCheckFinding('target-health', group.arn, {
      status: used ? 'FAIL' : 'WARN',
      message: used
        ? `${group.name} has no registered target: its load balancer has nothing to send traffic to.`
        : `${group.name} has no registered target and no load balancer uses it.`,
      evidence,
      remediation: used
        ? 'Register the service (its Auto Scaling group, ECS service or instances) with the target group, or remove the listener rule that forwards to it.'
        : 'Delete the target group if it is left over, or attach it to its load balancer.',
    });
  }
  const failing = targets.filter((t) => FAILING.has(t.state) && !unchecked(t));
  if (failing.length > 0) {
    return healthCheckFinding('target-health', group.arn, {
      status: 'FAIL',
      message: `${failing.length} of ${targets.length} target(s) of ${group.name} failing now: ${failing.slice(0, 3).map(describe).join('; ')}${failing.length > 3 ? '; ...' : ''}.`,
      evidence,
      remediation:
        "Fix or replace the failing targets before deploying: read the reason (Target.FailedHealthChecks, Target.Timeout, Target.ResponseCodeMismatch), then the target's logs.",
    });
  }
  const settling = targets.filter((t) => t.state !== 'healthy' && !unchecked(t));
  if (settling.length > 0) {
    return healthCheckFinding('target-health', group.arn, {
      status: 'WARN',
      message: `${settling.length} of ${targets.length} target(s) of ${group.name} not healthy yet: ${settling.slice(0, 3).map(describe).join('; ')}.`,
      evidence,
      remediation:
        'Wait for registration or draining to finish and run again; an `unused` target is in a zone the load balancer does not serve.',
    });
  }
  const notChecked = targets.filter(unchecked);
  if (notChecked.length > 0) {
    const lambda = group.targetType === 'lambda';
    return healthCheckFinding('target-health', group.arn, {
      status: lambda ? 'PASS' : 'WARN',
      message: lambda
        ? `${group.name} forwards to ${notChecked.map((t) => t.target).join(', ')}, not health-checked (health checks off, AWS's default for Lambda targets).`
        : `${notChecked.length} of ${targets.length} target(s) of ${group.name} are not health-checked (health checks are off): whether they answer is not known.`,
      evidence,
      ...(lambda
        ? {}
        : {
            remediation: `Turn health checks on (aws elbv2 modify-target-group --target-group-arn ${group.arn} --health-check-enabled).`,
          }),
    });
  }
  return healthCheckFinding('target-health', group.arn, {
    status: 'PASS',
    message: `All ${targets.length} target(s) of ${group.name} healthy.`,
    evidence,
  });
}
