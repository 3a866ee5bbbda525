import type { AlarmsPorts } from '../core/checks/alarms/ports';

/** The sample account's alarms resources, dated relative to `now`. */
export function sampleAlarmsPorts(_now: Date): AlarmsPorts {
  return {};
}
