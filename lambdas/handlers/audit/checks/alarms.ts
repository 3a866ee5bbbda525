import { createAwsAlarmsPorts } from '../../../aws/alarms';
import { createAwsScopePorts } from '../../../aws/scope';
import { alarmChecks } from '../../../core/checks/alarms/definitions';
import { checkFunction } from '../check-function';

/** The alarms family's check function: CloudWatch and SNS clients, and the scope's. */
export const { run, handler } = checkFunction('alarms', alarmChecks, {
  alarms: createAwsAlarmsPorts,
  scope: createAwsScopePorts,
});
