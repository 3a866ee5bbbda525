import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { scalingFinding } from '../../finding';
import type { PolicySummary, Scalable } from '../../scalables';

/**
 * `policies`: something makes the target scale. No enabled scaling policy that acts: FAIL (it stays
 * at its size whatever the load). A predictive policy that only forecasts, or a step or simple
 * policy no CloudWatch alarm invokes, does not act. Scaling out suspended: FAIL (its policies cannot add capacity). Other
 * suspensions (scale-in, scheduled actions): WARN. The policies that could not be listed: ERROR for
 * the target alone.
 */
export function judgePolicies(scalable: Scalable, policies: Outcome<readonly PolicySummary[]>): Finding {
  if (!policies.ok) {
    return errorFinding(scalingFinding, 'policies', scalable.resource, policies.error, {
      kind: scalable.kind,
    });
  }
  const enabled = policies.value.filter((p) => p.enabled && p.idle === undefined);
  const idle = policies.value.filter((p) => p.enabled && p.idle !== undefined);
  const evidence = {
    kind: scalable.kind,
    policies: policies.value.map(
      (p) =>
        `${p.name} (${p.type}${p.enabled ? '' : ', disabled'}${p.idle === undefined ? '' : `, ${p.idle}`})`,
    ),
    suspended: scalable.suspended,
  };
  if (enabled.length === 0) {
    return scalingFinding('policies', scalable.resource, {
      status: 'FAIL',
      message:
        policies.value.length === 0
          ? `${scalable.label} has no scaling policy: it stays at its size whatever the load.`
          : idle.length === 0
            ? `${scalable.label} has only disabled scaling policies: it stays at its size whatever the load.`
            : `${scalable.label} has no scaling policy that acts (${idle.map((p) => `${p.name}: ${p.idle}`).join('; ')}): it stays at its size whatever the load.`,
      evidence,
      remediation:
        'Attach a target tracking policy (CPU, request count per target or consumed capacity), enable the existing one, switch a predictive policy to ForecastAndScale, or attach the alarm that invokes a step policy.',
    });
  }
  if (scalable.scaleOutSuspended) {
    return scalingFinding('policies', scalable.resource, {
      status: 'FAIL',
      message: `${scalable.label} has scaling out suspended (${scalable.suspended.join(', ')}): its policies cannot add capacity.`,
      evidence,
      remediation:
        'Resume scaling (aws autoscaling resume-processes, or register the scalable target with SuspendedState all false).',
    });
  }
  if (scalable.suspended.length > 0) {
    return scalingFinding('policies', scalable.resource, {
      status: 'WARN',
      message: `${scalable.label} scales with ${enabled.map((p) => p.name).join(', ')}, but ${scalable.suspended.join(', ')} is suspended.`,
      evidence,
      remediation: 'Resume the suspended scaling once the reason for suspending it is over.',
    });
  }
  return scalingFinding('policies', scalable.resource, {
    status: 'PASS',
    message: `${scalable.label} scales with ${enabled.map((p) => `${p.name} (${p.type})`).join(', ')}.`,
    evidence,
  });
}
