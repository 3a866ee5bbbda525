import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { scalingFinding } from '../../finding';
import type { Scalable } from '../../scalables';

type Settings = Pick<CheckSettings['auto-scaling-policies'], 'warnPercentOfMax'>;

/** Desired capacity as a whole percentage of the maximum, rounded down (judged as shown). */
export function percentOfMax(desired: number, max: number): number {
  return max === 0 ? 100 : Math.floor((desired * 100) / max);
}

/**
 * `headroom`: the target can still grow. A maximum not above the minimum: FAIL (it cannot scale
 * out at all). For an Auto Scaling group, whose desired capacity the listing carries: at its
 * maximum, FAIL (a deployment's extra load has nowhere to go); at `warnPercentOfMax` % or more,
 * WARN. Application Auto Scaling does not report a target's current capacity: its finding says
 * the room is judged from minimum to maximum only.
 */
export function judgeHeadroom(scalable: Scalable, settings: Settings): Finding {
  const { minCapacity: min, maxCapacity: max, desiredCapacity: desired } = scalable;
  const evidence = {
    kind: scalable.kind,
    minCapacity: min,
    maxCapacity: max,
    desiredCapacity: desired ?? null,
    ...(desired === undefined ? {} : { percentOfMax: percentOfMax(desired, max) }),
    warnPercentOfMax: settings.warnPercentOfMax,
  };
  if (max <= min) {
    return scalingFinding('headroom', scalable.resource, {
      status: 'FAIL',
      message: `${scalable.label} cannot scale out: its maximum (${max}) is not above its minimum (${min}).`,
      evidence,
      remediation:
        'Raise the maximum capacity above the minimum, to what the service needs at peak plus a margin.',
    });
  }
  if (desired === undefined) {
    return scalingFinding('headroom', scalable.resource, {
      status: 'PASS',
      message: `${scalable.label} can scale from ${min} to ${max} (its current capacity is not reported by Application Auto Scaling).`,
      evidence,
    });
  }
  const percent = percentOfMax(desired, max);
  if (desired >= max || percent >= settings.warnPercentOfMax) {
    const full = desired >= max;
    return scalingFinding('headroom', scalable.resource, {
      status: full ? 'FAIL' : 'WARN',
      message: `${scalable.label} runs ${desired} of at most ${max} (${percent}%${full ? ', at its maximum' : `, warning from ${settings.warnPercentOfMax}%`}): ${full ? 'more load has nowhere to go' : 'little room left to scale out'}.`,
      evidence,
      remediation:
        'Raise the maximum size (and check the account quota and the subnets’ free addresses) before deploying.',
    });
  }
  return scalingFinding('headroom', scalable.resource, {
    status: 'PASS',
    message: `${scalable.label} runs ${desired} of at most ${max} (${percent}%).`,
    evidence,
  });
}
