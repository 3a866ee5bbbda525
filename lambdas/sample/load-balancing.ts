import type { LoadBalancingPorts, TargetGroup, TargetState } from '../core/checks/load-balancing/ports';
import { AwsCallError } from '../core/errors';

/** One sample target group: its health check and its targets' states now. */
export interface SampleTargetGroup {
  readonly name: string;
  readonly id: string;
  readonly path?: string;
  readonly intervalSeconds?: number;
  readonly unhealthyThreshold?: number;
  readonly healthCheckEnabled?: boolean;
  /** Attached to a load balancer. @default true */
  readonly used?: boolean;
  readonly targets: readonly (readonly [target: string, state: string, reason?: string])[];
}

/** The target groups of one sample region, served as the load balancing ports. */
export function sampleLoadBalancingPorts(
  location: { readonly region: string; readonly accountId: string },
  groups: readonly SampleTargetGroup[],
): LoadBalancingPorts {
  const at = `${location.region}:${location.accountId}`;
  const arnOf = (g: SampleTargetGroup) => `arn:aws:elasticloadbalancing:${at}:targetgroup/${g.name}/${g.id}`;
  const byArn = new Map(groups.map((g) => [arnOf(g), g]));
  return {
    listTargetGroups: async (): Promise<TargetGroup[]> =>
      groups.map((g) => ({
        name: g.name,
        arn: arnOf(g),
        targetType: 'instance',
        loadBalancerArns:
          g.used === false
            ? []
            : [`arn:aws:elasticloadbalancing:${at}:loadbalancer/app/${g.name}-alb/${g.id}`],
        healthCheckEnabled: g.healthCheckEnabled ?? true,
        healthCheckProtocol: 'HTTP',
        healthCheckPath: g.path ?? '/',
        intervalSeconds: g.intervalSeconds ?? 30,
        timeoutSeconds: 5,
        healthyThreshold: 3,
        unhealthyThreshold: g.unhealthyThreshold ?? 3,
      })),
    targetHealth: async (arn): Promise<TargetState[]> => {
      const group = byArn.get(arn);
      if (group === undefined) {
        throw new AwsCallError(
          'elasticloadbalancing:DescribeTargetHealth',
          'not-found',
          'TargetGroupNotFound',
          arn,
        );
      }
      return group.targets.map(([target, state, reason]) => ({
        target,
        state,
        ...(reason === undefined ? {} : { reason }),
      }));
    },
  };
}
