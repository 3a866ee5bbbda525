import { createAwsScopePorts } from '../../../aws/scope';
import { createAwsSecretsPorts } from '../../../aws/secrets';
import { secretChecks } from '../../../core/checks/secrets/definitions';
import { checkFunction } from '../check-function';

/** The secrets family's check function: Secrets Manager, SSM and IAM clients, and the scope's. */
export const { run, handler } = checkFunction('secrets', secretChecks, {
  secrets: createAwsSecretsPorts,
  scope: createAwsScopePorts,
});
