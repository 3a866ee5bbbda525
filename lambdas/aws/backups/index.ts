import type { BackupsPorts } from '../../core/checks/backups/ports';
import type { AwsClientOptions } from '../client-config';

/** The backups ports backed by AWS; clients are created once per call of this factory. */
export function createAwsBackupsPorts(_options: AwsClientOptions): BackupsPorts {
  return {};
}
