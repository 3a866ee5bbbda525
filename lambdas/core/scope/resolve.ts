import { resourceTypeOfArn } from './arn';
import type { ScopePorts } from './ports';
import { type ArnLocation, STACK_RESOURCE_ARNS } from './stack-resources';
import { stackStageArns } from './stack-stages';
import type { ResolvedScope, ResourceSelector, ScopeReason, ScopeResourceType } from './types';

/** Stacks read at once: ListStackResources is cheap, but CloudFormation throttles bursts. */
const STACK_CONCURRENCY = 4;

async function eachStack<T>(stacks: readonly string[], read: (stack: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < stacks.length; i += STACK_CONCURRENCY) {
    results.push(...(await Promise.all(stacks.slice(i, i + STACK_CONCURRENCY).map(read))));
  }
  return results;
}

/**
 * The resources of the given kinds that the selector names in one region, each with why: one
 * tagging query for all the tags (every tag must match), one listing per stack (and, for a stack
 * that creates API Gateway stages, one tagging query for them: `stackStageArns`), and the listed ARNs
 * of those kinds. Names are matched later, by the checks, against what they list. Any failure to
 * read is thrown (the check reports it as an ERROR naming the call): a scope that could not be
 * read is never taken as empty.
 */
export async function resolveScope(
  selector: ResourceSelector,
  ports: ScopePorts,
  types: readonly ScopeResourceType[],
): Promise<ResolvedScope> {
  const reasons = new Map<string, ScopeReason[]>();
  const add = (arn: string, reason: ScopeReason) => reasons.set(arn, [...(reasons.get(arn) ?? []), reason]);

  if (Object.keys(selector.tags).length > 0) {
    for (const arn of await ports.resourcesWithTags(selector.tags, types)) {
      add(arn, { by: 'tags', tags: selector.tags });
    }
  }

  const missingStacks: string[] = [];
  let location: Promise<ArnLocation> | undefined;
  const stackResults = await eachStack(selector.stacks, async (stack) => ({
    stack,
    resources: await ports.stackResources(stack),
  }));
  for (const { stack, resources } of stackResults) {
    if (resources === undefined) {
      missingStacks.push(stack);
      continue;
    }
    for (const resource of resources) {
      const mapping = STACK_RESOURCE_ARNS[resource.type];
      if (mapping === undefined || resource.physicalId === undefined || !types.includes(mapping.type))
        continue;
      location ??= ports.location();
      const arn = mapping.arn(resource.physicalId, await location);
      if (arn !== undefined) add(arn, { by: 'stack', stack, logicalId: resource.logicalId });
    }
    for (const { arn, reason } of await stackStageArns(stack, resources, types, ports, selector.arns)) {
      add(arn, reason);
    }
  }

  for (const arn of selector.arns) {
    const type = resourceTypeOfArn(arn);
    if (type !== undefined && types.includes(type)) add(arn, { by: 'arn' });
  }

  return { resources: [...reasons].map(([arn, why]) => ({ arn, why })), missingStacks };
}
