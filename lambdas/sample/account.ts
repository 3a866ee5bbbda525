import type { AccountPorts } from '../core/checks/types';
import { sampleAlarmsPorts } from './alarms';
import { sampleBackupsPorts } from './backups';
import { sampleSecretsPorts } from './secrets';
import { sampleTlsPorts } from './tls';

/**
 * The built-in sample account: a small, realistic estate with healthy and broken resources
 * (and one API that denies access), served through the same ports as AWS. Dates are relative
 * to `now`, so the sample tells the same story on any day.
 */
export function createSampleAccount(now: Date): AccountPorts {
  return {
    backups: sampleBackupsPorts(now),
    tls: sampleTlsPorts(now),
    secrets: sampleSecretsPorts(now),
    alarms: sampleAlarmsPorts(now),
  };
}
