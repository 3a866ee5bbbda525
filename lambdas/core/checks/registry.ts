import type { CheckId } from '../config/schema';
import { alarmChecks } from './alarms/definitions';
import { backupChecks } from './backups/definitions';
import type { CHECK_CATALOGUE, CheckFamily } from './catalogue';
import { corsChecks } from './cors/definitions';
import { deploysChecks } from './deploys/definitions';
import { imageChecks } from './images/definitions';
import { loadBalancingChecks } from './load-balancing/definitions';
import { mergeFamilies } from './merge-families';
import { networkChecks } from './network/definitions';
import { observabilityChecks } from './observability/definitions';
import { rateLimitingChecks } from './rate-limiting/definitions';
import { scalingChecks } from './scaling/definitions';
import { secretChecks } from './secrets/definitions';
import { storageChecks } from './storage/definitions';
import { tlsChecks } from './tls/definitions';
import { tracingChecks } from './tracing/definitions';
import type { CheckDefinition, FamilyDefinitions } from './types';
import { workloadChecks } from './workloads/definitions';

/**
 * The check families' run code: each family's definitions, the entries of its catalogue plus `run`.
 * Only what runs checks imports this (the CLI's audit, the bench); a family's check function imports
 * its own definitions alone, and what plans or reports imports `./catalogue`. Adding a family is one
 * line here and one in `CHECK_CATALOGUE` (plus its handler, `lambdas/handlers/audit/checks/<family>.ts`);
 * see docs/adding-a-check-family.md.
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
} as const satisfies {
  readonly [Family in CheckFamily]: FamilyDefinitions<(typeof CHECK_CATALOGUE)[Family]>;
};

/** Every family's checks in one object, typed as such. */
const merged = mergeFamilies(CHECK_FAMILIES);

/** Every automated check, by id. The type makes a check without a definition a compile error. */
export const CHECKS: { readonly [Id in CheckId]: CheckDefinition<Id> } = merged;

// What is known without running a check lives in the catalogue; re-exported for the run side.
export {
  auditPermissions,
  auditResourcePermissions,
  type CheckFamily,
  FAMILY_NAMES,
  familyCheckIds,
  familyOf,
} from './catalogue';
