import type { Finding } from '../../findings';

/** The check id every backups finding carries. */
export const CHECK_ID = 'database-backups';

/** The rules of the database-backups check (`Finding.rule`). */
export type BackupRule = 'inventory' | 'protection' | 'freshness' | 'backup-jobs' | 'restore-test';

/** A finding of the database-backups check. */
export function backupFinding(
  rule: BackupRule,
  resource: string,
  fields: Omit<Finding, 'checkId' | 'rule' | 'resource'>,
): Finding {
  return { checkId: CHECK_ID, rule, resource, ...fields };
}
