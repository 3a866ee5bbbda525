/** The Application Auto Scaling namespaces the check reads: ECS services, DynamoDB, Aurora. */
export const SCALING_NAMESPACES = ['ecs', 'dynamodb', 'rds'] as const;
export type ScalingNamespace = (typeof SCALING_NAMESPACES)[number];

/** A scalable target as DescribeScalableTargets lists it. */
export interface ScalableTarget {
  readonly namespace: ScalingNamespace;
  /** `service/<cluster>/<service>`, `table/<name>`, `table/<name>/index/<index>`, `cluster:<id>`. */
  readonly resourceId: string;
  /** e.g. `ecs:service:DesiredCount`, `dynamodb:table:ReadCapacityUnits`, `rds:cluster:ReadReplicaCount`. */
  readonly dimension: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** What is suspended: `scale-in`, `scale-out`, `scheduled`; empty when nothing is. */
  readonly suspended: readonly string[];
}

/** A scaling policy of a scalable target (DescribeScalingPolicies). */
export interface ScalingPolicy {
  readonly resourceId: string;
  readonly dimension: string;
  readonly name: string;
  /** `TargetTrackingScaling`, `StepScaling` or `PredictiveScaling`. */
  readonly type: string;
  /** How many CloudWatch alarms invoke it, when the answer lists them (a step policy acts only when one does). */
  readonly alarms?: number;
  /** A predictive policy's mode: `ForecastAndScale`, or `ForecastOnly` (AWS's default when absent). */
  readonly predictiveMode?: string;
}

/** An EC2 Auto Scaling group as DescribeAutoScalingGroups lists it. */
export interface AutoScalingGroup {
  readonly name: string;
  readonly arn: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly availabilityZones: readonly string[];
  /** Suspended processes (`Launch`, `AlarmNotification`, ...). */
  readonly suspendedProcesses: readonly string[];
}

/** A scaling policy of an Auto Scaling group (autoscaling:DescribePolicies). */
export interface GroupPolicy {
  readonly group: string;
  readonly name: string;
  /** `SimpleScaling`, `StepScaling`, `TargetTrackingScaling` or `PredictiveScaling`. */
  readonly type: string;
  /** False when the policy is disabled. */
  readonly enabled: boolean;
  /** How many CloudWatch alarms invoke it, when the answer lists them (a step or simple policy acts only when one does). */
  readonly alarms?: number;
  /** A predictive policy's mode: `ForecastAndScale`, or `ForecastOnly` (AWS's default when absent). */
  readonly predictiveMode?: string;
}

/**
 * What the auto-scaling check reads from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface ScalingPorts {
  /** Every scalable target of one namespace in the region. */
  listScalableTargets(namespace: ScalingNamespace): Promise<ScalableTarget[]>;
  /** Every scaling policy of one namespace in the region (one listing, not one call per target). */
  listScalingPolicies(namespace: ScalingNamespace): Promise<ScalingPolicy[]>;
  /** Every EC2 Auto Scaling group of the region. */
  listAutoScalingGroups(): Promise<AutoScalingGroup[]>;
  /** Every scaling policy of every Auto Scaling group of the region. */
  listGroupPolicies(): Promise<GroupPolicy[]>;
}
