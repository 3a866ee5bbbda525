import { resourceTypeOfArn } from './arn';
import type {
  CheckScopeEvidence,
  ResolvedScope,
  ResourceIdentity,
  ResourceSelector,
  ScopedResource,
  ScopeReason,
  ScopeResourceType,
} from './types';
import { describeSelectors, selectorOf } from './words';

/**
 * What one check may judge. The whole account (a configuration without services), or one service's
 * resources: the check lists as before and keeps only what `select` lets through, before any
 * per-resource call, so resources outside the scope are never described and never judged.
 */
export interface CheckScope {
  /** The service, or `undefined` for the whole account. */
  readonly service?: string;
  /** The items in scope, in order; each one kept is remembered with why, as evidence. */
  select<T>(items: readonly T[], identify: (item: T) => ResourceIdentity): T[];
  /** Whether one resource is in scope (to skip a per-resource call); remembers nothing. */
  includes(identity: ResourceIdentity): boolean;
  /**
   * The ARNs of one kind that the service's tags, stacks and listed ARNs name, for a check that
   * must judge what no listing shows (a host that publishes no metric); `undefined` for the whole
   * account, whose resources are not enumerated by the scope.
   */
  known(type: ScopeResourceType): readonly string[] | undefined;
}

/** Everything is in scope: the account as a whole (no services configured). */
export const WHOLE_ACCOUNT: CheckScope = {
  select: (items) => [...items],
  includes: () => true,
  known: () => undefined,
};

/** A service's scope in one region, which also records what its check judged. */
export interface ServiceCheckScope extends CheckScope {
  readonly service: string;
  /** The resources judged so far and the selectors that matched none of them. */
  evidence(): CheckScopeEvidence;
}

/** The scope of `service`, from its selector as resolved for one check in one region. */
export function serviceScope(
  service: string,
  selector: ResourceSelector,
  resolved: ResolvedScope,
): ServiceCheckScope {
  const byArn = new Map(resolved.resources.map((r) => [r.arn, r.why]));
  const names = new Set(selector.names);
  const judged = new Map<string, ScopedResource>();

  const reasonsFor = (identity: ResourceIdentity): ScopeReason[] => [
    ...(identity.arn === undefined ? [] : (byArn.get(identity.arn) ?? [])),
    ...identity.names.filter((name) => names.has(name)).map((name): ScopeReason => ({ by: 'name', name })),
  ];

  return {
    service,
    select(items, identify) {
      return items.filter((item) => {
        const identity = identify(item);
        const why = reasonsFor(identity);
        if (why.length === 0) return false;
        const key = identity.arn ?? identity.names[0] ?? '';
        judged.set(key, { arn: key, why });
        return true;
      });
    },
    includes: (identity) => reasonsFor(identity).length > 0,
    known: (type) => resolved.resources.filter((r) => resourceTypeOfArn(r.arn) === type).map((r) => r.arn),
    evidence() {
      const resources = [...judged.values()];
      const matched = new Set(resources.flatMap((r) => r.why.map((why) => selectorOf(why, r.arn, selector))));
      const missing = new Set(resolved.missingStacks.map((stack) => `stack ${stack}`));
      return {
        service,
        resources,
        unmatched: describeSelectors(selector)
          .filter((phrase) => !matched.has(phrase))
          .map((phrase) => (missing.has(phrase) ? `${phrase} (no such stack in this region)` : phrase)),
      };
    },
  };
}
