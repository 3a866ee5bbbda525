import { createAwsBackupsPorts } from '../../../aws/backups';
import { createAwsScopePorts } from '../../../aws/scope';
import { backupChecks } from '../../../core/checks/backups/definitions';
import { checkFunction } from '../check-function';

/** The backups family's check function: RDS, DynamoDB and AWS Backup clients, and the scope's. */
export const { run, handler } = checkFunction('backups', backupChecks, {
  backups: createAwsBackupsPorts,
  scope: createAwsScopePorts,
});
