import {
  type ApplicationAutoScalingClient,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  type AutoScalingClient,
  DescribePoliciesCommand,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import { callAws, collectPages } from '../../lambdas/aws/call';
import { listScalableTargets } from '../../lambdas/aws/scaling/application-autoscaling';
import { toAutoScalingGroup } from '../../lambdas/aws/scaling/auto-scaling';
import type { GroupPolicy, ScalingPolicy, ScalingPorts } from '../../lambdas/core/checks/scaling/ports';
import { mapWithConcurrency } from '../../lambdas/core/concurrency';

/*
 * The naive way to read scaling policies: list the targets (and groups) at the default page, then
 * ask for each one's policies, 5 in flight.
 */

const FAN_OUT = 5;

export function naiveScaling(
  ours: ScalingPorts,
  applicationAutoScaling: ApplicationAutoScalingClient,
  autoScaling: AutoScalingClient,
): ScalingPorts {
  return {
    ...ours,
    listScalableTargets: (namespace) => listScalableTargets(applicationAutoScaling, namespace),
    listScalingPolicies: async (namespace) => {
      const targets = await listScalableTargets(applicationAutoScaling, namespace);
      const perTarget = await mapWithConcurrency(targets, FAN_OUT, async (target) => {
        const answer = await callAws('application-autoscaling:DescribeScalingPolicies', () =>
          applicationAutoScaling.send(
            new DescribeScalingPoliciesCommand({
              ServiceNamespace: namespace,
              ResourceId: target.resourceId,
              ScalableDimension: target.dimension as never,
            }),
          ),
        );
        return (answer.ScalingPolicies ?? []).map(
          (p): ScalingPolicy => ({
            resourceId: p.ResourceId ?? '',
            dimension: p.ScalableDimension ?? '',
            name: p.PolicyName ?? '',
            type: p.PolicyType ?? '',
          }),
        );
      });
      return perTarget.flat();
    },
    // The default page (50) rather than the largest.
    listAutoScalingGroups: async () =>
      (
        await collectPages(
          'autoscaling:DescribeAutoScalingGroups',
          paginateDescribeAutoScalingGroups({ client: autoScaling }, {}),
          (page) => page.AutoScalingGroups,
        )
      ).map(toAutoScalingGroup),
    listGroupPolicies: async () => {
      const groups = await collectPages(
        'autoscaling:DescribeAutoScalingGroups',
        paginateDescribeAutoScalingGroups({ client: autoScaling }, {}),
        (page) => page.AutoScalingGroups,
      );
      const perGroup = await mapWithConcurrency(groups, FAN_OUT, async (group) => {
        const answer = await callAws('autoscaling:DescribePolicies', () =>
          autoScaling.send(new DescribePoliciesCommand({ AutoScalingGroupName: group.AutoScalingGroupName })),
        );
        return (answer.ScalingPolicies ?? []).map(
          (p): GroupPolicy => ({
            group: p.AutoScalingGroupName ?? '',
            name: p.PolicyName ?? '',
            type: p.PolicyType ?? 'SimpleScaling',
            enabled: p.Enabled !== false,
          }),
        );
      });
      return perGroup.flat();
    },
  };
}
