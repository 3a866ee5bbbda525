import type { Alarm } from './ports';
import { type RequiredAlarm, satisfies } from './rules/alarms/required';
import { alarmsFiredOn } from './targets';

/**
 * The alarms whose topics a scoped run must look up: those judged, those a requirement names, and
 * the composite alarms above them (a composite that notifies covers its children). Other teams'
 * alarms and topics are not looked at.
 */
export function relevantAlarms(
  alarms: readonly Alarm[],
  judged: readonly Alarm[],
  required: readonly RequiredAlarm[],
): Alarm[] {
  const parents = new Map<string, Alarm[]>();
  for (const alarm of alarms) {
    if (alarm.kind !== 'composite') continue;
    for (const child of alarmsFiredOn(alarm.rule)) parents.set(child, [...(parents.get(child) ?? []), alarm]);
  }
  const relevant = new Set<Alarm>([
    ...judged,
    ...alarms.filter((alarm) => required.some((requirement) => satisfies(alarm, requirement))),
  ]);
  const queue = [...relevant];
  for (let alarm = queue.shift(); alarm !== undefined; alarm = queue.shift()) {
    for (const parent of parents.get(alarm.name) ?? []) {
      if (relevant.has(parent)) continue;
      relevant.add(parent);
      queue.push(parent);
    }
  }
  return alarms.filter((alarm) => relevant.has(alarm));
}
