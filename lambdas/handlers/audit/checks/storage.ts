import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsStoragePorts } from '../../../aws/storage';
import { storageChecks } from '../../../core/checks/storage/definitions';
import { checkFunction } from '../check-function';

/** The storage family's check function: RDS, EC2 and CloudWatch clients, and the scope's. */
export const { run, handler } = checkFunction('storage', storageChecks, {
  storage: createAwsStoragePorts,
  scope: createAwsScopePorts,
});
