import type { ArnLocation } from './stack-resources';
import type { ScopeResourceType } from './types';

/** One resource of a CloudFormation stack, as ListStackResources describes it. */
export interface StackResource {
  readonly logicalId: string;
  /** Absent while the resource is being created or after it failed to create. */
  readonly physicalId?: string;
  /** The CloudFormation type, e.g. `AWS::RDS::DBInstance`. */
  readonly type: string;
}

/** What resolving a service's scope reads from an account, in one region. */
export interface ScopePorts {
  /** ARNs of the resources of the given kinds that carry every one of `tags`. */
  resourcesWithTags(
    tags: Readonly<Record<string, string>>,
    types: readonly ScopeResourceType[],
  ): Promise<string[]>;
  /** The stack's resources; `undefined` when the stack does not exist in the region. */
  stackResources(stack: string): Promise<StackResource[] | undefined>;
  /** The partition, account and region, to build the ARNs of resources stacks name by name. */
  location(): Promise<ArnLocation>;
}
