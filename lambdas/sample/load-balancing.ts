import type {
  LoadBalancer,
  LoadBalancingPorts,
  TargetGroup,
  TargetState,
} from '../core/checks/load-balancing/ports';
import type { WafPorts, WebAcl } from '../core/checks/rate-limiting/ports';
import { AwsCallError } from '../core/errors';
import { NO_CLOUDFRONT, type SampleCloudFront } from './distributions';

/** One sample target group: its health check and its targets' states now. */
export interface SampleTargetGroup {
  readonly name: string;
  readonly id: string;
  readonly path?: string;
  readonly intervalSeconds?: number;
  readonly unhealthyThreshold?: number;
  readonly healthCheckEnabled?: boolean;
  /** Attached to a load balancer (`<name>-alb`, an Application Load Balancer). @default true */
  readonly used?: boolean;
  /** Its load balancer's scheme. @default internet-facing */
  readonly scheme?: 'internet-facing' | 'internal';
  readonly targets: readonly (readonly [target: string, state: string, reason?: string])[];
}

/** The target groups of one sample region, served as the load balancing ports. */
export function sampleLoadBalancingPorts(
  location: { readonly region: string; readonly accountId: string },
  groups: readonly SampleTargetGroup[],
): LoadBalancingPorts {
  const at = `${location.region}:${location.accountId}`;
  const arnOf = (g: SampleTargetGroup) => `arn:aws:elasticloadbalancing:${at}:targetgroup/${g.name}/${g.id}`;
  const balancerArn = (g: SampleTargetGroup) =>
    `arn:aws:elasticloadbalancing:${at}:loadbalancer/app/${g.name}-alb/${g.id}`;
  const byArn = new Map(groups.map((g) => [arnOf(g), g]));
  return {
    listTargetGroups: async (): Promise<TargetGroup[]> =>
      groups.map((g) => ({
        name: g.name,
        arn: arnOf(g),
        targetType: 'instance',
        loadBalancerArns: g.used === false ? [] : [balancerArn(g)],
        healthCheckEnabled: g.healthCheckEnabled ?? true,
        healthCheckProtocol: 'HTTP',
        healthCheckPath: g.path ?? '/',
        intervalSeconds: g.intervalSeconds ?? 30,
        timeoutSeconds: 5,
        healthyThreshold: 3,
        unhealthyThreshold: g.unhealthyThreshold ?? 3,
      })),
    listLoadBalancers: async (): Promise<LoadBalancer[]> =>
      groups
        .filter((g) => g.used !== false)
        .map((g) => ({
          name: `${g.name}-alb`,
          arn: balancerArn(g),
          type: 'application',
          scheme: g.scheme ?? 'internet-facing',
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

/** A web ACL with one rate-based rule that blocks: how the sample protects a public load balancer. */
export function blockingWebAcl(region: string, accountId: string, name: string, limit: number): WebAcl {
  return {
    name,
    arn: `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${name}/a1b2c3d4`,
    rules: [
      { name: 'per-ip-rate', rateLimit: { limit, windowSeconds: 300 }, action: 'Block' },
      { name: 'common', ruleGroup: 'AWS/AWSManagedRulesCommonRuleSet' },
    ],
    firewallManagerGroups: 0,
  };
}

/**
 * WAF of one sample region: the web ACL of each load balancer, by the load balancer's name, and the
 * account's CloudFront distributions with their CLOUDFRONT-scope web ACLs.
 */
export function sampleWafPorts(
  acls: Readonly<Record<string, WebAcl>>,
  cloudFront: SampleCloudFront = NO_CLOUDFRONT,
  region = 'eu-west-1',
): WafPorts {
  return {
    webAclFor: async (arn) => {
      const name = arn.split('/')[2] ?? '';
      return acls[name];
    },
    listDistributions: async () => [...cloudFront.distributions],
    auditedRegion: async () => region,
    cloudFrontWebAcl: async (arn) => {
      const acl = cloudFront.acls[arn];
      if (acl === undefined)
        throw new AwsCallError('wafv2:GetWebACL', 'not-found', 'WAFNonexistentItemException', arn);
      return acl;
    },
  };
}
