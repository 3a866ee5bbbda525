import { alarmTopics, lookUpTopics } from '../alarms/lookup-topics';
import type { AlarmsPorts } from '../alarms/ports';
import { relevantAlarms } from '../alarms/relevant';
import type { RuleResult } from '../alarms/rule-result';
import { actionsContext, judgeActions } from '../alarms/rules/alarms/actions';
import { judgeMissingData } from '../alarms/rules/alarms/missing-data';
import { judgeState } from '../alarms/rules/alarms/state';

/** The alarms check's verdicts on named alarms: `undefined` for a name no alarm has. */
export type AlarmVerdicts = (name: string) => readonly RuleResult[] | undefined;

/** No sparse-metric exemption applies to an alarm a rollback depends on. */
const NOT_EXEMPT: ReadonlySet<string> = new Set();

/**
 * Judges the alarms that stop a deployment with the alarms check's own rules: `actions` (it
 * notifies someone), `state` (not firing, not stuck without data) and `missing-data` (an outage
 * that stops the metric does not hide itself). Reads the alarms through the alarms family's ports;
 * looks up only the topics of the named alarms and of the composite alarms above them.
 * Throws when the alarms cannot be listed.
 */
export async function readAlarmVerdicts(
  ports: AlarmsPorts,
  names: readonly string[],
  insufficientDataHours: number,
  now: Date,
): Promise<AlarmVerdicts> {
  const alarms = await ports.listAlarms();
  const wanted = new Set(names);
  const named = alarms.filter((alarm) => wanted.has(alarm.name));
  const topics = await lookUpTopics(ports, alarmTopics(relevantAlarms(alarms, named, [])));
  const context = actionsContext(alarms, topics);
  const byName = new Map(named.map((alarm) => [alarm.name, alarm]));
  return (name) => {
    const alarm = byName.get(name);
    if (alarm === undefined) return undefined;
    return [
      judgeActions(alarm, context),
      judgeState(alarm, { failWhenInAlarm: true, insufficientDataHours }, now),
      ...(alarm.kind === 'metric' ? [judgeMissingData(alarm, NOT_EXEMPT)] : []),
    ];
  };
}
