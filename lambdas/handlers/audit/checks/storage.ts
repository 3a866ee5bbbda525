import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsStoragePorts } from '../../../aws/storage';
import { checkFunction } from '../check-function';

/** The storage family's check function: RDS, EC2 and CloudWatch clients, and the scope's. */
export const { run, handler } = checkFunction('storage', {
  storage: createAwsStoragePorts,
  scope: createAwsScopePorts,
});
