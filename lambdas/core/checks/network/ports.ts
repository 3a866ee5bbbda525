/** An elastic network interface in use, as DescribeNetworkInterfaces lists it. */
export interface NetworkInterface {
  readonly id: string;
  /** The account that owns it. */
  readonly ownerId: string;
  readonly vpcId: string;
  /** The subnet it is in, when the answer says. */
  readonly subnetId?: string;
  /** The region it is in (the client's). */
  readonly region: string;
  /** What created it, e.g. `ELB app/orders-api/50dc6c495c0c9188` or `AWS Lambda VPC ENI-orders-...`. */
  readonly description: string;
  /** `interface`, `lambda`, `network_load_balancer`, ... when the answer says. */
  readonly interfaceType?: string;
  /** The security groups attached to it. */
  readonly securityGroupIds: readonly string[];
  /** Whether it has a public IP address (an internet-facing load balancer's node does). */
  readonly publicIp: boolean;
  /** Its tags (ECS puts `aws:ecs:clusterName` and `aws:ecs:serviceName` on a service's task's, with managed tags on). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One rule of a security group, as DescribeSecurityGroupRules lists it. */
export interface SecurityGroupRule {
  readonly id: string;
  readonly groupId: string;
  readonly egress: boolean;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for every protocol. */
  readonly protocol: string;
  /** The port range; absent, or -1, for every port. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  /** A managed prefix list as the source (e.g. CloudFront's origin-facing one). */
  readonly prefixListId?: string;
  /** Another security group as the source. */
  readonly referencedGroupId?: string;
}

/** A VPC flow log, as DescribeFlowLogs lists it. */
export interface FlowLog {
  readonly id: string;
  /** The VPC, subnet or interface it logs (`vpc-…`, `subnet-…`, `eni-…`). */
  readonly resourceId: string;
  /** `ACTIVE` when it exists and runs (it may still fail to deliver: see `deliverStatus`). */
  readonly status: string;
  /** `SUCCESS` or `FAILED`: whether its records reach the destination, when the answer says. */
  readonly deliverStatus?: string;
  /** Why delivery fails: `Access error`, `Rate limited`, `Unknown error`. */
  readonly deliverError?: string;
  /** `ACCEPT`, `REJECT` or `ALL`. */
  readonly trafficType?: string;
  /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
  readonly destinationType?: string;
}

/**
 * What the network configuration check reads from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
/** An ECS service and the cluster ListTasks needs (an old-format service ARN names none). */
export interface EcsServiceRef {
  /** As ECS lists it: `service/<cluster>/<name>`, or the old `service/<name>`. */
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
}

export interface NetworkPorts {
  /** Every network interface in use in the region. */
  listNetworkInterfaces(): Promise<NetworkInterface[]>;
  /** Every rule of the given security groups. */
  securityGroupRules(groupIds: readonly string[]): Promise<SecurityGroupRule[]>;
  /** Every flow log of the given VPCs, subnets and interfaces (each logging that resource itself). */
  flowLogs(resourceIds: readonly string[]): Promise<FlowLog[]>;
  /**
   * The region's internet-facing load balancers, as `app/<name>/<id>` (what their nodes'
   * descriptions name): an IPv6-only one's nodes have no public IPv4 to tell it by.
   */
  internetFacingLoadBalancers(): Promise<ReadonlySet<string>>;
  /** The id in this region of the AWS-managed prefix list of that name; `undefined` if there is none. */
  prefixListId(name: string): Promise<string | undefined>;
  /**
   * The network interfaces of the given ECS services' tasks, running or being stopped (a stopping
   * task keeps its interface until ECS detaches it): interface id → service ARN.
   */
  taskInterfaces(services: readonly EcsServiceRef[]): Promise<Map<string, string>>;
  /** Every ECS service of the region, with its cluster (ListClusters, ListServices). */
  listEcsServices(): Promise<EcsServiceRef[]>;
}
