import { createAwsBackupsPorts } from '../../../aws/backups';
import { createAwsScopePorts } from '../../../aws/scope';
import { checkFunction } from '../check-function';

/** The backups family's check function: RDS, DynamoDB and AWS Backup clients, and the scope's. */
export const { run, handler } = checkFunction('backups', {
  backups: createAwsBackupsPorts,
  scope: createAwsScopePorts,
});
