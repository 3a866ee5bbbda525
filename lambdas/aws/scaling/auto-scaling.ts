import {
  type AutoScalingClient,
  paginateDescribeAutoScalingGroups,
  paginateDescribePolicies,
  type AutoScalingGroup as SdkAutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroup, GroupPolicy } from '../../core/checks/scaling/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_GROUPS = 'autoscaling:DescribeAutoScalingGroups';
const DESCRIBE_POLICIES = 'autoscaling:DescribePolicies';

/** DescribeAutoScalingGroups' and DescribePolicies' largest page. */
export const AUTO_SCALING_PAGE_SIZE = 100;

/** An Auto Scaling group as the check reads it; sizes and zones are documented as always present. */
export function toAutoScalingGroup(g: SdkAutoScalingGroup): AutoScalingGroup {
  return {
    name: required(DESCRIBE_GROUPS, 'AutoScalingGroups[].AutoScalingGroupName', g.AutoScalingGroupName),
    arn: required(DESCRIBE_GROUPS, 'AutoScalingGroups[].AutoScalingGroupARN', g.AutoScalingGroupARN),
    minSize: required(DESCRIBE_GROUPS, 'AutoScalingGroups[].MinSize', g.MinSize),
    maxSize: required(DESCRIBE_GROUPS, 'AutoScalingGroups[].MaxSize', g.MaxSize),
    desiredCapacity: required(DESCRIBE_GROUPS, 'AutoScalingGroups[].DesiredCapacity', g.DesiredCapacity),
    availabilityZones: required(
      DESCRIBE_GROUPS,
      'AutoScalingGroups[].AvailabilityZones',
      g.AvailabilityZones,
    ),
    suspendedProcesses: (g.SuspendedProcesses ?? []).flatMap((p) =>
      p.ProcessName === undefined ? [] : [p.ProcessName],
    ),
  };
}

/** Every Auto Scaling group of the region, 100 to a page. */
export async function listAutoScalingGroups(client: AutoScalingClient): Promise<AutoScalingGroup[]> {
  const groups = await collectPages(
    DESCRIBE_GROUPS,
    paginateDescribeAutoScalingGroups({ client, pageSize: AUTO_SCALING_PAGE_SIZE }, {}),
    (page) => page.AutoScalingGroups,
  );
  return readEach(
    DESCRIBE_GROUPS,
    groups,
    (g) => ({ arn: g.AutoScalingGroupARN, names: [g.AutoScalingGroupName] }),
    toAutoScalingGroup,
  );
}

/** Every scaling policy of every group of the region, 100 to a page: one listing, not one per group. */
export async function listGroupPolicies(client: AutoScalingClient): Promise<GroupPolicy[]> {
  const policies = await collectPages(
    DESCRIBE_POLICIES,
    paginateDescribePolicies({ client, pageSize: AUTO_SCALING_PAGE_SIZE }, {}),
    (page) => page.ScalingPolicies,
  );
  return policies.map((p) => ({
    group: required(DESCRIBE_POLICIES, 'ScalingPolicies[].AutoScalingGroupName', p.AutoScalingGroupName),
    name: required(DESCRIBE_POLICIES, 'ScalingPolicies[].PolicyName', p.PolicyName),
    type: p.PolicyType ?? 'SimpleScaling',
    // Absent means enabled: the API reports Enabled only since policies could be disabled.
    enabled: p.Enabled !== false,
    ...(p.Alarms === undefined ? {} : { alarms: p.Alarms.length }),
    ...(p.PolicyType === 'PredictiveScaling' && p.PredictiveScalingConfiguration?.Mode !== undefined
      ? { predictiveMode: p.PredictiveScalingConfiguration.Mode }
      : {}),
  }));
}
