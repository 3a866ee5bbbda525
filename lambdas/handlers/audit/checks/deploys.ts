import { createAwsAlarmsPorts } from '../../../aws/alarms';
import { createAwsDeploysPorts } from '../../../aws/deploys';
import { createAwsScopePorts } from '../../../aws/scope';
import { deploysChecks } from '../../../core/checks/deploys/definitions';
import { checkFunction } from '../check-function';

/**
 * The deploys family's check function: CodeDeploy, ECS, Lambda and SSM clients (read-only), the
 * alarms' (the rollback alarms are judged by the alarms check's rules) and the scope's.
 */
export const { run, handler } = checkFunction('deploys', deploysChecks, {
  deploys: createAwsDeploysPorts,
  alarms: createAwsAlarmsPorts,
  scope: createAwsScopePorts,
});
