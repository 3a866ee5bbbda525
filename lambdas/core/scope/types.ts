import type { ResourceSelector } from '../services/target';

/*
 * A service's scope: which of an account's resources belong to it, and why. The checks judge only
 * what is in scope, so another team's broken resource never blocks a service's gate.
 */

/** The kinds of resource the checks judge, as the Resource Groups Tagging API names them. */
export const SCOPE_RESOURCE_TYPES = [
  'rds:db',
  'rds:cluster',
  'dynamodb:table',
  'acm:certificate',
  'secretsmanager:secret',
  'ssm:parameter',
  'cloudwatch:alarm',
  'logs:log-group',
  'lambda:function',
  'states:stateMachine',
  'elasticloadbalancing:targetgroup',
  'elasticloadbalancing:loadbalancer',
  'ecs:service',
  'autoscaling:autoScalingGroup',
  'es:domain',
  'ec2:instance',
  'apigateway:restapis',
  'apigateway:apis',
  // S3 buckets: the tagging API names them by the service alone (their ARNs carry no resource type).
  's3',
  // CloudFront distributions: global, tagged and listed in us-east-1.
  'cloudfront:distribution',
] as const;
export type ScopeResourceType = (typeof SCOPE_RESOURCE_TYPES)[number];

/** Why a resource is in a service's scope. */
export type ScopeReason =
  /** It carries every tag of the selector. */
  | { readonly by: 'tags'; readonly tags: Readonly<Record<string, string>> }
  /** It is a resource of the stack, under this logical id. */
  | { readonly by: 'stack'; readonly stack: string; readonly logicalId: string }
  /** Its ARN is listed. */
  | { readonly by: 'arn' }
  /** Its name is listed. */
  | { readonly by: 'name'; readonly name: string };

/** A resource in scope and every reason it is. */
export interface ScopedResource {
  readonly arn: string;
  readonly why: readonly ScopeReason[];
}

/** What a check knows of a resource to place it in or out of scope. */
export interface ResourceIdentity {
  /** Its ARN, when the listing gives one. */
  readonly arn?: string;
  /** The names it goes by: identifier, table or secret name, domain name, alarm name. */
  readonly names: readonly string[];
}

/** The selector resolved in one region, for the resource kinds of one check. */
export interface ResolvedScope {
  /** Resources found through the tags, the stacks and the listed ARNs, with why. */
  readonly resources: readonly ScopedResource[];
  /** Stacks that do not exist in the region. */
  readonly missingStacks: readonly string[];
}

/** What one check's scope was, kept with its result as evidence. */
export interface CheckScopeEvidence {
  readonly service: string;
  /** The resources the check judged, each with why it is the service's. */
  readonly resources: readonly ScopedResource[];
  /** Selectors (as `describeSelectors` words them) that matched nothing this check judges. */
  readonly unmatched: readonly string[];
}

export type { ResourceSelector };
