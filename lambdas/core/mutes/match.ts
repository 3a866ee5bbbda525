import type { CheckResult } from '../findings';

/*
 * Which resources a mute's `resource` covers. An ARN matches itself; a glob (`*` any run of
 * characters, `?` one character) matches whole ARNs; `tag:Key=Value` matches a resource the run
 * placed in the service's scope because it carries that tag. Preflight reads tags through the
 * service's selector only, so a tag the selector does not name is not known and matches nothing:
 * the finding stays as it was (fail closed).
 */

/** The tags the run saw on each resource, from the scope evidence of its results. */
export function tagsSeen(results: readonly CheckResult[]): Map<string, Readonly<Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  for (const result of results) {
    for (const resource of result.scope?.resources ?? []) {
      for (const why of resource.why) {
        if (why.by !== 'tags') continue;
        tags.set(resource.arn, { ...(tags.get(resource.arn) ?? {}), ...why.tags });
      }
    }
  }
  return tags;
}

function globToRegExp(glob: string): RegExp {
  const source = [...glob]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}

/** A matcher for one mute's `resource`, given the tags the run saw. */
export function resourceMatcher(
  pattern: string,
  tags: ReadonlyMap<string, Readonly<Record<string, string>>>,
): (resource: string) => boolean {
  if (pattern.startsWith('tag:')) {
    const body = pattern.slice(4);
    const eq = body.indexOf('=');
    const key = body.slice(0, eq);
    const value = body.slice(eq + 1);
    return (resource) => tags.get(resource)?.[key] === value;
  }
  if (!pattern.includes('*') && !pattern.includes('?')) return (resource) => resource === pattern;
  const regexp = globToRegExp(pattern);
  return (resource) => regexp.test(resource);
}
