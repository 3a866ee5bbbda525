import { findingBuilder } from '../kit/finding';

/** The check id every backups finding carries. */
export const CHECK_ID = 'database-backups';

/** The rules of the database-backups check (`Finding.rule`). */
export type BackupRule = 'inventory' | 'protection' | 'freshness' | 'backup-jobs' | 'restore-test';

/** A finding of the database-backups check. */
export const backupFinding = findingBuilder<BackupRule>(CHECK_ID);
