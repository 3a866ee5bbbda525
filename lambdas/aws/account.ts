import type { AccountPorts } from '../core/checks/types';
import { createAwsAlarmsPorts } from './alarms';
import { createAwsBackupsPorts } from './backups';
import type { AwsClientOptions } from './client-config';
import { createAwsScopePorts } from './scope';
import { createAwsSecretsPorts } from './secrets';
import { createAwsTlsPorts } from './tls';

/** An account reached through the AWS SDK with the given (by default the current) credentials. */
export function createAwsAccount(options: AwsClientOptions = {}): AccountPorts {
  return {
    backups: createAwsBackupsPorts(options),
    tls: createAwsTlsPorts(options),
    secrets: createAwsSecretsPorts(options),
    alarms: createAwsAlarmsPorts(options),
    scope: createAwsScopePorts(options),
  };
}
