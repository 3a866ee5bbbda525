import type { CheckId } from '../config/schema';
import { alarmChecks } from './alarms/definitions';
import { backupChecks } from './backups/definitions';
import { secretChecks } from './secrets/definitions';
import { tlsChecks } from './tls/definitions';
import type { CheckDefinition } from './types';

/** Every automated check, by id. The type makes a check without a definition a compile error. */
export const CHECKS: { readonly [Id in CheckId]: CheckDefinition<Id> } = {
  ...backupChecks,
  ...tlsChecks,
  ...secretChecks,
  ...alarmChecks,
};

/** Every IAM action the checks need, sorted and without duplicates. */
export function auditPermissions(): string[] {
  return [...new Set(Object.values(CHECKS).flatMap((check) => check.permissions))].sort();
}
