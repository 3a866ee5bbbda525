import type { ScopePorts, StackResource } from './ports';
import type { ScopeResourceType } from './types';

/*
 * The checks of one run judge the same service in the same account and region, so the answers that
 * place its resources in scope (a stack's listing, a tagging query) are the same for all of them:
 * asked once for the run, not once per check. An answer in flight is shared; a failed one is not
 * kept, so a later check asks again (and, if it fails again, reports the ERROR itself).
 */

/** Keeps `read`'s answer per key; a rejected answer is forgotten. */
function remembering<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = read(key);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
    }
    return answer;
  };
}

const tagsKey = (tags: Readonly<Record<string, string>>, types: readonly ScopeResourceType[]): string =>
  JSON.stringify([Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), [...types].sort()]);

/**
 * Scope ports that ask `ports` (built on first use) once per stack and once per tagging query, for
 * one run in one account and region. Never keep them across runs: stacks and tags change.
 */
export function rememberedScope(ports: () => ScopePorts): ScopePorts {
  const queries = new Map<string, { tags: Record<string, string>; types: readonly ScopeResourceType[] }>();
  const tagged = remembering((key) => {
    const { tags, types } = queries.get(key) as { tags: Record<string, string>; types: ScopeResourceType[] };
    return ports().resourcesWithTags(tags, types);
  });
  const stacks = remembering<StackResource[] | undefined>((stack) => ports().stackResources(stack));
  return {
    resourcesWithTags(tags, types) {
      const key = tagsKey(tags, types);
      queries.set(key, { tags: { ...tags }, types: [...types] });
      return tagged(key);
    },
    stackResources: (stack) => stacks(stack),
    location: () => ports().location(),
  };
}
