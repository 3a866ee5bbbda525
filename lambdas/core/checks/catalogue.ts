import type { CheckId } from '../config/schema';
import { alarmCatalogue } from './alarms/catalogue';
import { backupCatalogue } from './backups/catalogue';
import { corsCatalogue } from './cors/catalogue';
import { deploysCatalogue } from './deploys/catalogue';
import { imageCatalogue } from './images/catalogue';
import { loadBalancingCatalogue } from './load-balancing/catalogue';
import { mergeFamilies } from './merge-families';
import { networkCatalogue } from './network/catalogue';
import { observabilityCatalogue } from './observability/catalogue';
import { rateLimitingCatalogue } from './rate-limiting/catalogue';
import { scalingCatalogue } from './scaling/catalogue';
import { secretCatalogue } from './secrets/catalogue';
import { storageCatalogue } from './storage/catalogue';
import { tlsCatalogue } from './tls/catalogue';
import { tracingCatalogue } from './tracing/catalogue';
import type { CheckEntry, ResourcePermission } from './types';
import { workloadCatalogue } from './workloads/catalogue';

/*
 * The check catalogue: what every check is (id, title, IAM actions, scope kind), without its run
 * code. Planning, selection, the report, the fan-out, the CLI's checklist and the stack's IAM read
 * this; only what runs checks imports the definitions (`./registry`, or one family's
 * `<family>/definitions.ts`), so a function that plans or reports bundles no family's rules.
 */

/**
 * The check families, in registry order: each runs in its own function, which bundles only the SDK
 * clients of its checks and whose role holds only their read actions. Adding a family is one line
 * here and one in `CHECK_FAMILIES` (`./registry.ts`); see docs/adding-a-check-family.md.
 */
export const CHECK_CATALOGUE = {
  backups: backupCatalogue,
  tls: tlsCatalogue,
  secrets: secretCatalogue,
  alarms: alarmCatalogue,
  observability: observabilityCatalogue,
  tracing: tracingCatalogue,
  'load-balancing': loadBalancingCatalogue,
  'rate-limiting': rateLimitingCatalogue,
  cors: corsCatalogue,
  scaling: scalingCatalogue,
  storage: storageCatalogue,
  workloads: workloadCatalogue,
  images: imageCatalogue,
  deploys: deploysCatalogue,
  network: networkCatalogue,
} as const;

export type CheckFamily = keyof typeof CHECK_CATALOGUE;

/** Every family's entries in one object, typed as such. */
const merged = mergeFamilies(CHECK_CATALOGUE);

/** Every automated check's entry, by id. The type makes a check without an entry a compile error. */
export const CATALOGUE: { readonly [Id in CheckId]: CheckEntry<Id> } = merged;

/** Every automated check's id, in registry order (the order runs and reports list them in). */
export const CATALOGUE_IDS = Object.keys(CATALOGUE) as CheckId[];

/** The families, in registry order. */
export const FAMILY_NAMES = Object.keys(CHECK_CATALOGUE) as CheckFamily[];

/** The ids of the checks of `family`. */
export function familyCheckIds(family: CheckFamily): CheckId[] {
  return Object.keys(CHECK_CATALOGUE[family]) as CheckId[];
}

/** The family a check belongs to. */
export function familyOf(checkId: CheckId): CheckFamily {
  const family = FAMILY_NAMES.find((name) => checkId in CHECK_CATALOGUE[name]);
  if (family === undefined) throw new Error(`Check ${checkId} belongs to no family of the catalogue`);
  return family;
}

/** The IAM actions the given checks need (every check by default), sorted and without duplicates. */
export function auditPermissions(checkIds: readonly CheckId[] = CATALOGUE_IDS): string[] {
  return [...new Set(checkIds.flatMap((id) => CATALOGUE[id].permissions))].sort();
}

/**
 * The actions the given checks need on some resources only (every check by default), one entry per
 * action with its resource patterns sorted and without duplicates.
 */
export function auditResourcePermissions(checkIds: readonly CheckId[] = CATALOGUE_IDS): ResourcePermission[] {
  const byAction = new Map<string, Set<string>>();
  for (const permission of checkIds.flatMap((id) => CATALOGUE[id].resourcePermissions ?? [])) {
    const resources = byAction.get(permission.action) ?? new Set<string>();
    for (const resource of permission.resources) resources.add(resource);
    byAction.set(permission.action, resources);
  }
  return [...byAction]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, resources]) => ({ action, resources: [...resources].sort() }));
}
