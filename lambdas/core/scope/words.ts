import type { ResourceSelector, ScopeReason } from './types';

/*
 * How selectors and reasons read in reports: `tags service=orders-api`, `stack payments-prod`,
 * `arn arn:aws:acm:…`, `name catalog-items`. The same words name a selector that matched nothing.
 */

function tagWords(tags: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(tags).map(([key, value]) => `${key}=${value}`);
  return `${pairs.length === 1 ? 'tag' : 'tags'} ${pairs.join(', ')}`;
}

/** Every selector of a service, one phrase each. */
export function describeSelectors(selector: ResourceSelector): string[] {
  return [
    ...(Object.keys(selector.tags).length > 0 ? [tagWords(selector.tags)] : []),
    ...selector.stacks.map((stack) => `stack ${stack}`),
    ...selector.arns.map((arn) => `arn ${arn}`),
    ...selector.names.map((name) => `name ${name}`),
  ];
}

/** The selector phrase a reason of resource `arn` comes from (one of `describeSelectors`). */
export function selectorOf(reason: ScopeReason, arn: string, selector: ResourceSelector): string {
  switch (reason.by) {
    case 'tags':
      return tagWords(selector.tags);
    case 'stack':
      return `stack ${reason.stack}`;
    case 'name':
      return `name ${reason.name}`;
    case 'arn':
      return `arn ${arn}`;
  }
}

/** A reason in a few words: `tag service=orders-api`, `stack payments-prod (Cluster)`, `arn`, `name x`. */
export function describeReason(reason: ScopeReason): string {
  switch (reason.by) {
    case 'tags':
      return tagWords(reason.tags);
    case 'stack':
      return `stack ${reason.stack} (${reason.logicalId})`;
    case 'arn':
      return 'arn';
    case 'name':
      return `name ${reason.name}`;
  }
}
