import type {
  AutoScalingGroup,
  GroupPolicy,
  ScalableTarget,
  ScalingPolicy,
  ScalingPorts,
} from '../core/checks/scaling/ports';

/** A sample scalable target and the names of its target tracking policies. */
export interface SampleScalableTarget extends Omit<ScalableTarget, 'suspended'> {
  readonly policies: readonly string[];
  readonly suspended?: readonly string[];
}

/** A sample Auto Scaling group (its ARN built from the name) and the names of its policies. */
export interface SampleGroup extends Omit<AutoScalingGroup, 'arn' | 'suspendedProcesses'> {
  readonly id: string;
  readonly policies: readonly string[];
  readonly suspendedProcesses?: readonly string[];
}

/** What scales in one sample region. */
export interface SampleScaling {
  readonly targets?: readonly SampleScalableTarget[];
  readonly groups?: readonly SampleGroup[];
}

/** The ARN of a sample Auto Scaling group. */
export const groupArn = (
  location: { region: string; accountId: string },
  group: Pick<SampleGroup, 'id' | 'name'>,
) =>
  `arn:aws:autoscaling:${location.region}:${location.accountId}:autoScalingGroup:${group.id}:autoScalingGroupName/${group.name}`;

/** The scalable targets and Auto Scaling groups of one sample region, served as the scaling ports. */
export function sampleScalingPorts(
  location: { readonly region: string; readonly accountId: string },
  sample: SampleScaling,
): ScalingPorts {
  const targets = sample.targets ?? [];
  const groups = sample.groups ?? [];
  return {
    listScalableTargets: async (namespace) =>
      targets
        .filter((t) => t.namespace === namespace)
        .map(({ policies: _, suspended = [], ...t }) => ({ ...t, suspended })),
    listScalingPolicies: async (namespace): Promise<ScalingPolicy[]> =>
      targets
        .filter((t) => t.namespace === namespace)
        .flatMap((t) =>
          t.policies.map((name) => ({
            resourceId: t.resourceId,
            dimension: t.dimension,
            name,
            type: 'TargetTrackingScaling',
          })),
        ),
    listAutoScalingGroups: async (): Promise<AutoScalingGroup[]> =>
      groups.map(({ id, policies: _, suspendedProcesses = [], ...g }) => ({
        ...g,
        arn: groupArn(location, { id, name: g.name }),
        suspendedProcesses,
      })),
    listGroupPolicies: async (): Promise<GroupPolicy[]> =>
      groups.flatMap((g) =>
        g.policies.map((name) => ({ group: g.name, name, type: 'TargetTrackingScaling', enabled: true })),
      ),
  };
}
