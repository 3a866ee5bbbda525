import type {
  FlowLog,
  NetworkInterface,
  NetworkPorts,
  SecurityGroupRule,
} from '../core/checks/network/ports';

/** One sample network interface: what created it, its VPC and its security groups. */
export interface SampleInterface {
  readonly id: string;
  readonly vpc: string;
  /** As AWS writes it: `ELB app/<name>/<id>`, `AWS Lambda VPC ENI-<function>-<uuid>`, ... */
  readonly description: string;
  readonly groups: readonly string[];
  /** An internet-facing load balancer's node has one. @default false */
  readonly publicIp?: boolean;
}

/** One ingress rule: protocol, ports and the source range. */
export type SampleIngress = readonly [protocol: string, from: number, to: number, cidr: string];

/** The network of one sample region: interfaces, security groups' ingress, VPCs' flow logs. */
export interface SampleNetwork {
  readonly interfaces: readonly SampleInterface[];
  readonly groups: Readonly<Record<string, readonly SampleIngress[]>>;
  readonly flowLogs: Readonly<Record<string, readonly (readonly [status: string, trafficType: string])[]>>;
}

/** A region's network, served as the network ports. */
export function sampleNetworkPorts(
  location: { readonly region: string; readonly accountId: string },
  network: SampleNetwork,
): NetworkPorts {
  return {
    listNetworkInterfaces: async (): Promise<NetworkInterface[]> =>
      network.interfaces.map((eni) => ({
        id: eni.id,
        ownerId: location.accountId,
        vpcId: eni.vpc,
        region: location.region,
        description: eni.description,
        securityGroupIds: eni.groups,
        publicIp: eni.publicIp ?? false,
      })),
    securityGroupRules: async (groupIds): Promise<SecurityGroupRule[]> =>
      groupIds.flatMap((groupId) =>
        (network.groups[groupId] ?? []).map(([protocol, from, to, cidr], index) => ({
          id: `sgr-${groupId.slice(3)}${String(index).padStart(2, '0')}`,
          groupId,
          egress: false,
          protocol,
          fromPort: from,
          toPort: to,
          ...(cidr.includes(':') ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        })),
      ),
    // The sample's load balancers are told apart by their nodes' public IPv4 alone.
    internetFacingLoadBalancers: async () => new Set<string>(),
    flowLogs: async (vpcIds): Promise<FlowLog[]> =>
      vpcIds.flatMap((vpc) =>
        (network.flowLogs[vpc] ?? []).map(([status, trafficType], index) => ({
          id: `fl-${vpc.slice(4)}${index}`,
          resourceId: vpc,
          status,
          trafficType,
          destinationType: 's3',
        })),
      ),
    // The sample account's interfaces are load balancers' and functions': no ECS task to look up.
    taskInterfaces: async () => new Map(),
    listEcsServices: async () => [],
    // The sample's load balancers are reached directly, not through CloudFront's prefix list.
    prefixListId: async () => undefined,
  };
}

/**
 * A region whose public load balancers (`<name>-alb`, one node each) are open on 443 alone, in a VPC
 * that logs all its traffic: the healthy network of the smaller sample estates.
 */
export function healthyNetwork(
  balancers: readonly { readonly name: string; readonly id: string }[],
  vpc: string,
): SampleNetwork {
  return {
    interfaces: balancers.map((lb, index) => ({
      id: `eni-0${vpc.slice(5, 9)}${String(index).padStart(12, '0')}`,
      vpc,
      description: `ELB app/${lb.name}-alb/${lb.id}`,
      groups: [`sg-0${lb.id}`],
      publicIp: true,
    })),
    groups: Object.fromEntries(
      balancers.map((lb) => [`sg-0${lb.id}`, [['tcp', 443, 443, '0.0.0.0/0']] as const]),
    ),
    flowLogs: { [vpc]: [['ACTIVE', 'ALL']] },
  };
}
