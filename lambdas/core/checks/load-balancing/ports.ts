/** An ELBv2 target group's health check, as DescribeTargetGroups lists it. */
export interface TargetGroup {
  readonly name: string;
  readonly arn: string;
  /** `instance`, `ip`, `lambda` or `alb`. */
  readonly targetType?: string;
  /** Load balancers that send it traffic; empty when none does. */
  readonly loadBalancerArns: readonly string[];
  readonly healthCheckEnabled: boolean;
  readonly healthCheckProtocol?: string;
  readonly healthCheckPath?: string;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
}

/** One registered target and its health now (DescribeTargetHealth). */
export interface TargetState {
  /** Instance id, IP address or function ARN, with `:port` when one is given. */
  readonly target: string;
  /** `initial`, `healthy`, `unhealthy`, `unhealthy.draining`, `unused`, `draining` or `unavailable`. */
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
}

/** An ELBv2 load balancer as DescribeLoadBalancers lists it. */
export interface LoadBalancer {
  readonly name: string;
  readonly arn: string;
  /** `application`, `network` or `gateway`. */
  readonly type?: string;
  /** `internet-facing` or `internal`. */
  readonly scheme?: string;
  /** Its DNS name (`<name>-<id>.<region>.elb.amazonaws.com`), which a CloudFront origin names. */
  readonly dnsName?: string;
  /** The security groups of an Application Load Balancer. */
  readonly securityGroups?: readonly string[];
}

/** One rule of a load balancer's listener, as DescribeRules gives it (enough to tell what it forwards). */
export interface ListenerRule {
  readonly listenerArn: string;
  /** The listener's default rule, applied when no other matches. */
  readonly isDefault: boolean;
  /** Whether a matching request reaches a target (a `forward` or authenticate action), not a fixed response or redirect. */
  readonly forwards: boolean;
  /** Its `http-header` conditions: header name and the values one of which the request must carry. */
  readonly headerConditions: readonly { readonly name: string; readonly values: readonly string[] }[];
}

/**
 * What the load balancer health check reads from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface LoadBalancingPorts {
  /** Every ELBv2 target group of the region. */
  listTargetGroups(): Promise<TargetGroup[]>;
  /** The health of every target registered in one target group (no listing carries it). */
  targetHealth(targetGroupArn: string): Promise<TargetState[]>;
  /** Every ELBv2 load balancer of the region. */
  listLoadBalancers(): Promise<LoadBalancer[]>;
  /** Every rule of every listener of one load balancer; absent where rules cannot be read. */
  listenerRules?(loadBalancerArn: string): Promise<ListenerRule[]>;
}
