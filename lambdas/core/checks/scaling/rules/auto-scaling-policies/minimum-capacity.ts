import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { scalingFinding } from '../../finding';
import type { Scalable } from '../../scalables';

type Settings = Pick<
  CheckSettings['auto-scaling-policies'],
  'minCapacity' | 'minZones' | 'minAuroraReplicas'
>;

/** The least minimum a kind must keep, and what its capacity counts; DynamoDB counts capacity units, not copies. */
function floorOf(scalable: Scalable, settings: Settings): { least: number; unit: string } | undefined {
  switch (scalable.kind) {
    case 'ecs-service':
      return { least: settings.minCapacity, unit: 'task(s)' };
    case 'auto-scaling-group':
      return { least: settings.minCapacity, unit: 'instance(s)' };
    case 'aurora-cluster':
      return { least: settings.minAuroraReplicas, unit: 'replica(s)' };
    default:
      return undefined;
  }
}

/**
 * `minimum-capacity`: scaling in never leaves a single copy. ECS services and Auto Scaling groups
 * keep at least `minCapacity` (tasks, instances), Aurora clusters `minAuroraReplicas` replicas, and
 * an Auto Scaling group spans at least `minZones` Availability Zones; below: FAIL, each shortfall
 * named. DynamoDB capacity units say nothing about redundancy (DynamoDB spans zones itself): no
 * finding.
 */
export function judgeMinimumCapacity(scalable: Scalable, settings: Settings): Finding | undefined {
  const floor = floorOf(scalable, settings);
  if (floor === undefined) return undefined;
  const zones = scalable.availabilityZones;
  const evidence = {
    kind: scalable.kind,
    minCapacity: scalable.minCapacity,
    required: floor.least,
    ...(zones === undefined ? {} : { availabilityZones: zones, requiredZones: settings.minZones }),
  };
  const problems: string[] = [];
  if (scalable.minCapacity < floor.least) {
    problems.push(`its minimum is ${scalable.minCapacity} ${floor.unit} (at least ${floor.least})`);
  }
  if (zones !== undefined && zones.length < settings.minZones) {
    problems.push(
      `it spans ${zones.length} Availability Zone(s) (${zones.join(', ') || 'none'}; at least ${settings.minZones})`,
    );
  }
  if (problems.length > 0) {
    return scalingFinding('minimum-capacity', scalable.resource, {
      status: 'FAIL',
      message: `${scalable.label} can scale in to a single point of failure: ${problems.join('; ')}.`,
      evidence,
      remediation: `Raise the minimum to ${floor.least}${zones === undefined ? '' : ` and add subnets in ${settings.minZones} Availability Zones`}; a non-production service may lower the threshold in its own checks settings.`,
    });
  }
  return scalingFinding('minimum-capacity', scalable.resource, {
    status: 'PASS',
    message: `${scalable.label} keeps at least ${scalable.minCapacity} ${floor.unit}${zones === undefined ? '' : ` across ${zones.length} Availability Zones`}.`,
    evidence,
  });
}
