import type { ArnLocation } from '../../scope/stack-resources';
import type { ResourceIdentity } from '../../scope/types';
import type { AutoScalingGroup, GroupPolicy, ScalableTarget, ScalingPolicy } from './ports';

/** What scales: an ECS service, a DynamoDB table or index, an Aurora cluster, an EC2 Auto Scaling group. */
export type ScalableKind =
  | 'ecs-service'
  | 'dynamodb-table'
  | 'dynamodb-index'
  | 'aurora-cluster'
  | 'auto-scaling-group';

/** A scaling policy as the rules see it, whichever API listed it. */
export interface PolicySummary {
  readonly name: string;
  readonly type: string;
  readonly enabled: boolean;
  /** Why an enabled policy still never changes the capacity (a forecast only, no alarm invokes it). */
  readonly idle?: string;
}

/** Policy types that act only when a CloudWatch alarm invokes them (target tracking owns its alarms). */
const ALARM_DRIVEN = new Set(['StepScaling', 'SimpleScaling']);

/**
 * Why a policy never changes the capacity, or `undefined` when it can: a predictive policy that
 * only forecasts (`ForecastOnly`, AWS's default mode), a step or simple policy no alarm invokes.
 */
export function idleReason(
  policy: Pick<ScalingPolicy, 'type' | 'alarms' | 'predictiveMode'>,
): string | undefined {
  if (policy.type === 'PredictiveScaling' && policy.predictiveMode !== 'ForecastAndScale') {
    return `forecasts only (mode ${policy.predictiveMode ?? 'ForecastOnly, the default'})`;
  }
  if (ALARM_DRIVEN.has(policy.type) && (policy.alarms ?? 0) === 0) return 'no alarm invokes it';
  return undefined;
}

const withIdle = <T extends PolicySummary>(summary: T, reason: string | undefined): T =>
  reason === undefined ? summary : { ...summary, idle: reason };

/** One thing that scales, from either API, in the shape the rules judge. */
export interface Scalable {
  readonly kind: ScalableKind;
  /** The finding's resource: the group's ARN, or the target's resource id (with its dimension for DynamoDB). */
  readonly resource: string;
  /** How messages name it. */
  readonly label: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Known for Auto Scaling groups only: Application Auto Scaling does not report current capacity. */
  readonly desiredCapacity?: number;
  /** Known for Auto Scaling groups only. */
  readonly availabilityZones?: readonly string[];
  /** What is suspended, in the API's words. */
  readonly suspended: readonly string[];
  /** True when new capacity cannot be added because scaling out is suspended. */
  readonly scaleOutSuspended: boolean;
}

const last = (value: string, separator: string) => value.slice(value.lastIndexOf(separator) + 1);

/** The kind of a scalable target, from its namespace and resource id. */
export function kindOf(target: Pick<ScalableTarget, 'namespace' | 'resourceId'>): ScalableKind {
  if (target.namespace === 'ecs') return 'ecs-service';
  if (target.namespace === 'rds') return 'aurora-cluster';
  return target.resourceId.includes('/index/') ? 'dynamodb-index' : 'dynamodb-table';
}

/** The scalable target in the rules' shape. DynamoDB scales reads and writes apart: the dimension is named. */
export function fromScalableTarget(target: ScalableTarget): Scalable {
  const kind = kindOf(target);
  const dynamo = target.namespace === 'dynamodb';
  const name = dynamo ? target.resourceId : last(target.resourceId, target.namespace === 'rds' ? ':' : '/');
  return {
    kind,
    resource: dynamo ? `${target.resourceId} ${last(target.dimension, ':')}` : target.resourceId,
    label: dynamo ? `${name} ${last(target.dimension, ':')}` : `${kind.replace('-', ' ')} ${name}`,
    minCapacity: target.minCapacity,
    maxCapacity: target.maxCapacity,
    suspended: target.suspended,
    scaleOutSuspended: target.suspended.includes('scale-out'),
  };
}

/** Processes whose suspension stops a group from adding capacity when its policies ask. */
const SCALE_OUT_PROCESSES = new Set(['Launch', 'AlarmNotification']);

/** The Auto Scaling group in the rules' shape. */
export function fromAutoScalingGroup(group: AutoScalingGroup): Scalable {
  return {
    kind: 'auto-scaling-group',
    resource: group.arn,
    label: `Auto Scaling group ${group.name}`,
    minCapacity: group.minSize,
    maxCapacity: group.maxSize,
    desiredCapacity: group.desiredCapacity,
    availabilityZones: group.availabilityZones,
    suspended: group.suspendedProcesses,
    scaleOutSuspended: group.suspendedProcesses.some((p) => SCALE_OUT_PROCESSES.has(p)),
  };
}

/** The policies of one scalable target, from its namespace's listing. */
export function policiesOfTarget(
  target: ScalableTarget,
  policies: readonly ScalingPolicy[],
): PolicySummary[] {
  return policies
    .filter((p) => p.resourceId === target.resourceId && p.dimension === target.dimension)
    .map((p) => withIdle({ name: p.name, type: p.type, enabled: true }, idleReason(p)));
}

/** The policies of one Auto Scaling group, from the region's listing. */
export function policiesOfGroup(group: AutoScalingGroup, policies: readonly GroupPolicy[]): PolicySummary[] {
  return policies
    .filter((p) => p.group === group.name)
    .map((p) => withIdle({ name: p.name, type: p.type, enabled: p.enabled }, idleReason(p)));
}

/**
 * Who a scalable target is, for a service's scope: the ARN of the resource it scales (an index
 * scales as part of its table) and its name. `location` is needed only to build the ARN.
 */
export function identityOfTarget(target: ScalableTarget, location?: ArnLocation): ResourceIdentity {
  const base = (service: string) =>
    location === undefined
      ? undefined
      : `arn:${location.partition}:${service}:${location.region}:${location.accountId}`;
  const at = (service: string, resource: string) => {
    const prefix = base(service);
    return prefix === undefined ? {} : { arn: `${prefix}:${resource}` };
  };
  switch (target.namespace) {
    case 'ecs':
      return { ...at('ecs', target.resourceId), names: [last(target.resourceId, '/')] };
    case 'dynamodb': {
      const table = target.resourceId.split('/')[1] ?? target.resourceId;
      return { ...at('dynamodb', `table/${table}`), names: [table] };
    }
    case 'rds': {
      const cluster = last(target.resourceId, ':');
      return { ...at('rds', `cluster:${cluster.toLowerCase()}`), names: [cluster] };
    }
  }
}
