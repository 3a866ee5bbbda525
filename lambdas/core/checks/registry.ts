import type { CheckId } from '../config/schema';
import { alarmChecks } from './alarms/definitions';
import { backupChecks } from './backups/definitions';
import { corsChecks } from './cors/definitions';
import { loadBalancingChecks } from './load-balancing/definitions';
import { observabilityChecks } from './observability/definitions';
import { rateLimitingChecks } from './rate-limiting/definitions';
import { secretChecks } from './secrets/definitions';
import { tlsChecks } from './tls/definitions';
import { tracingChecks } from './tracing/definitions';
import type { CheckDefinition } from './types';

/** Every automated check, by id. The type makes a check without a definition a compile error. */
export const CHECKS: { readonly [Id in CheckId]: CheckDefinition<Id> } = {
  ...backupChecks,
  ...tlsChecks,
  ...secretChecks,
  ...alarmChecks,
  ...observabilityChecks,
  ...tracingChecks,
  ...loadBalancingChecks,
  ...rateLimitingChecks,
  ...corsChecks,
};

/** The IAM actions the given checks need (every check by default), sorted and without duplicates. */
export function auditPermissions(checkIds: readonly CheckId[] = Object.keys(CHECKS) as CheckId[]): string[] {
  return [...new Set(checkIds.flatMap((id) => CHECKS[id].permissions))].sort();
}
