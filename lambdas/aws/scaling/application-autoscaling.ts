import {
  type ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
  paginateDescribeScalingPolicies,
} from '@aws-sdk/client-application-auto-scaling';
import type { ScalableTarget, ScalingNamespace, ScalingPolicy } from '../../core/checks/scaling/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_SCALABLE_TARGETS = 'application-autoscaling:DescribeScalableTargets';
const DESCRIBE_SCALING_POLICIES = 'application-autoscaling:DescribeScalingPolicies';

/** DescribeScalableTargets' and DescribeScalingPolicies' largest page. */
export const APPLICATION_AUTOSCALING_PAGE_SIZE = 50;

/** Every scalable target of one namespace, 50 to a page; a target without its id or bounds is a malformed answer. */
export async function listScalableTargets(
  client: ApplicationAutoScalingClient,
  namespace: ScalingNamespace,
): Promise<ScalableTarget[]> {
  const targets = await collectPages(
    DESCRIBE_SCALABLE_TARGETS,
    paginateDescribeScalableTargets(
      { client, pageSize: APPLICATION_AUTOSCALING_PAGE_SIZE },
      { ServiceNamespace: namespace },
    ),
    (page) => page.ScalableTargets,
  );
  return readEach(
    DESCRIBE_SCALABLE_TARGETS,
    targets,
    (t) => ({ names: [t.ResourceId] }),
    (t) => {
      const s = t.SuspendedState;
      return {
        namespace,
        resourceId: required(DESCRIBE_SCALABLE_TARGETS, 'ScalableTargets[].ResourceId', t.ResourceId),
        dimension: required(
          DESCRIBE_SCALABLE_TARGETS,
          'ScalableTargets[].ScalableDimension',
          t.ScalableDimension,
        ),
        minCapacity: required(DESCRIBE_SCALABLE_TARGETS, 'ScalableTargets[].MinCapacity', t.MinCapacity),
        maxCapacity: required(DESCRIBE_SCALABLE_TARGETS, 'ScalableTargets[].MaxCapacity', t.MaxCapacity),
        suspended: [
          ...(s?.DynamicScalingInSuspended === true ? ['scale-in'] : []),
          ...(s?.DynamicScalingOutSuspended === true ? ['scale-out'] : []),
          ...(s?.ScheduledScalingSuspended === true ? ['scheduled'] : []),
        ],
      };
    },
  );
}

/** Every scaling policy of one namespace, 50 to a page: one listing for all its targets. */
export async function listScalingPolicies(
  client: ApplicationAutoScalingClient,
  namespace: ScalingNamespace,
): Promise<ScalingPolicy[]> {
  const policies = await collectPages(
    DESCRIBE_SCALING_POLICIES,
    paginateDescribeScalingPolicies(
      { client, pageSize: APPLICATION_AUTOSCALING_PAGE_SIZE },
      { ServiceNamespace: namespace },
    ),
    (page) => page.ScalingPolicies,
  );
  return policies.map((p) => ({
    resourceId: required(DESCRIBE_SCALING_POLICIES, 'ScalingPolicies[].ResourceId', p.ResourceId),
    dimension: required(
      DESCRIBE_SCALING_POLICIES,
      'ScalingPolicies[].ScalableDimension',
      p.ScalableDimension,
    ),
    name: required(DESCRIBE_SCALING_POLICIES, 'ScalingPolicies[].PolicyName', p.PolicyName),
    type: required(DESCRIBE_SCALING_POLICIES, 'ScalingPolicies[].PolicyType', p.PolicyType),
    ...(p.Alarms === undefined ? {} : { alarms: p.Alarms.length }),
    ...(p.PolicyType === 'PredictiveScaling' && p.PredictiveScalingPolicyConfiguration?.Mode !== undefined
      ? { predictiveMode: p.PredictiveScalingPolicyConfiguration.Mode }
      : {}),
  }));
}
