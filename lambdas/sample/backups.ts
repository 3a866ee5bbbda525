import type { BackupsPorts } from '../core/checks/backups/ports';

/** The sample account's backups resources, dated relative to `now`. */
export function sampleBackupsPorts(_now: Date): BackupsPorts {
  return {};
}
