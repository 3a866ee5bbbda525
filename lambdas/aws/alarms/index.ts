import type { AlarmsPorts } from '../../core/checks/alarms/ports';
import type { AwsClientOptions } from '../client-config';

/** The alarms ports backed by AWS; clients are created once per call of this factory. */
export function createAwsAlarmsPorts(_options: AwsClientOptions): AlarmsPorts {
  return {};
}
