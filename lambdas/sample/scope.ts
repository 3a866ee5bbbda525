import { resourceTypeOfArn } from '../core/scope/arn';
import type { ScopePorts, StackResource } from '../core/scope/ports';
import type { ArnLocation } from '../core/scope/stack-resources';

/** A sample region's tags (by ARN) and CloudFormation stacks, served as the scope ports. */
export function sampleScopePorts(
  location: ArnLocation,
  tags: ReadonlyMap<string, Readonly<Record<string, string>>>,
  stacks: Readonly<Record<string, readonly StackResource[]>>,
): ScopePorts {
  return {
    async resourcesWithTags(wanted, types) {
      return [...tags]
        .filter(([arn, has]) => {
          const type = resourceTypeOfArn(arn);
          return (
            type !== undefined &&
            types.includes(type) &&
            Object.entries(wanted).every(([k, v]) => has[k] === v)
          );
        })
        .map(([arn]) => arn);
    },
    stackResources: async (stack) => (stacks[stack] === undefined ? undefined : [...(stacks[stack] ?? [])]),
    location: async () => location,
  };
}
