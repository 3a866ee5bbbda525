import type { CheckResult } from '../findings';
import type { ResourceSelector } from '../scope/types';
import { describeReason, describeSelectors, selectorOf } from '../scope/words';
import type { ScopedResourceReport, ScopeReport } from './model';

/**
 * The service's scope as the checks resolved it, across checks and regions: every resource judged
 * with why, and the selectors that matched nothing (a typo in a tag or stack name shows here).
 */
export function scopeReport(selector: ResourceSelector, results: readonly CheckResult[]): ScopeReport {
  const resources = new Map<
    string,
    { arn: string; region?: string; why: Set<string>; checks: Set<string> }
  >();
  const matched = new Set<string>();
  const notes = new Map<string, string>();
  for (const result of results) {
    if (result.scope === undefined) continue;
    for (const resource of result.scope.resources) {
      const key = `${result.region ?? ''}|${resource.arn}`;
      const entry = resources.get(key) ?? {
        arn: resource.arn,
        ...(result.region === undefined ? {} : { region: result.region }),
        why: new Set<string>(),
        checks: new Set<string>(),
      };
      for (const why of resource.why) {
        entry.why.add(describeReason(why));
        matched.add(selectorOf(why, resource.arn, selector));
      }
      entry.checks.add(result.checkId);
      resources.set(key, entry);
    }
    for (const phrase of result.scope.unmatched) {
      const base = phrase.replace(/ \(.*\)$/, '');
      if (base !== phrase) notes.set(base, phrase);
    }
  }
  const list: ScopedResourceReport[] = [...resources.values()]
    .map((r) => ({ ...r, why: [...r.why], checks: [...r.checks].sort() }))
    .sort((a, b) => `${a.region ?? ''}${a.arn}`.localeCompare(`${b.region ?? ''}${b.arn}`));
  const selectors = describeSelectors(selector);
  return {
    selectors,
    resources: list,
    unmatched: selectors.filter((s) => !matched.has(s)).map((s) => notes.get(s) ?? s),
  };
}
