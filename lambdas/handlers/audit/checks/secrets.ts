import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsSecretsPorts } from '../../../aws/secrets';
import { checkFunction } from '../check-function';

/** The secrets family's check function: Secrets Manager, SSM and IAM clients, and the scope's. */
export const { run, handler } = checkFunction('secrets', {
  secrets: createAwsSecretsPorts,
  scope: createAwsScopePorts,
});
