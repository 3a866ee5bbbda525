import type { CheckId } from '../config/schema';
import { alarmChecks } from './alarms/definitions';
import { backupChecks } from './backups/definitions';
import { corsChecks } from './cors/definitions';
import { deploysChecks } from './deploys/definitions';
import { imageChecks } from './images/definitions';
import { loadBalancingChecks } from './load-balancing/definitions';
import { networkChecks } from './network/definitions';
import { observabilityChecks } from './observability/definitions';
import { rateLimitingChecks } from './rate-limiting/definitions';
import { scalingChecks } from './scaling/definitions';
import { secretChecks } from './secrets/definitions';
import { storageChecks } from './storage/definitions';
import { tlsChecks } from './tls/definitions';
import { tracingChecks } from './tracing/definitions';
import type { CheckDefinition, ResourcePermission } from './types';
import { workloadChecks } from './workloads/definitions';

/**
 * The check families: each runs in its own function, which bundles only the SDK clients of its
 * checks and whose role holds only their read actions. Adding a family is one line here (plus its
 * handler, `lambdas/handlers/audit/checks/<family>.ts`); see docs/adding-a-check-family.md.
 */
export const CHECK_FAMILIES = {
  backups: backupChecks,
  tls: tlsChecks,
  secrets: secretChecks,
  alarms: alarmChecks,
  observability: observabilityChecks,
  tracing: tracingChecks,
  'load-balancing': loadBalancingChecks,
  // Reads the load balancers (load-balancing ports) and their web ACLs (waf ports).
  'rate-limiting': rateLimitingChecks,
  // Reads the function listing (tracing ports) and each function's URL (cors ports).
  cors: corsChecks,
  scaling: scalingChecks,
  storage: storageChecks,
  // Reads the function listing (tracing ports) and ECS, quotas and secret metadata (workloads ports).
  workloads: workloadChecks,
  images: imageChecks,
  // Reads CodeDeploy, ECS, Lambda and SSM (deploys ports) and the rollback alarms (alarms ports).
  deploys: deploysChecks,
  network: networkChecks,
} as const;

export type CheckFamily = keyof typeof CHECK_FAMILIES;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
/** Every family's checks in one object, typed as such. */
const merged: UnionToIntersection<(typeof CHECK_FAMILIES)[CheckFamily]> = Object.assign(
  {},
  ...Object.values(CHECK_FAMILIES),
);

/** Every automated check, by id. The type makes a check without a definition a compile error. */
export const CHECKS: { readonly [Id in CheckId]: CheckDefinition<Id> } = merged;

/** The families, in registry order. */
export const FAMILY_NAMES = Object.keys(CHECK_FAMILIES) as CheckFamily[];

/** The ids of the checks of `family`. */
export function familyCheckIds(family: CheckFamily): CheckId[] {
  return Object.keys(CHECK_FAMILIES[family]) as CheckId[];
}

/** The family a check belongs to. */
export function familyOf(checkId: CheckId): CheckFamily {
  const family = FAMILY_NAMES.find((name) => checkId in CHECK_FAMILIES[name]);
  if (family === undefined) throw new Error(`Check ${checkId} belongs to no family of the registry`);
  return family;
}

/** The IAM actions the given checks need (every check by default), sorted and without duplicates. */
export function auditPermissions(checkIds: readonly CheckId[] = Object.keys(CHECKS) as CheckId[]): string[] {
  return [...new Set(checkIds.flatMap((id) => CHECKS[id].permissions))].sort();
}

/**
 * The actions the given checks need on some resources only (every check by default), one entry per
 * action with its resource patterns sorted and without duplicates.
 */
export function auditResourcePermissions(
  checkIds: readonly CheckId[] = Object.keys(CHECKS) as CheckId[],
): ResourcePermission[] {
  const byAction = new Map<string, Set<string>>();
  for (const permission of checkIds.flatMap((id) => CHECKS[id].resourcePermissions ?? [])) {
    const resources = byAction.get(permission.action) ?? new Set<string>();
    for (const resource of permission.resources) resources.add(resource);
    byAction.set(permission.action, resources);
  }
  return [...byAction]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, resources]) => ({ action, resources: [...resources].sort() }));
}
