import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import { alarmFinding } from './finding';
import type { Alarm } from './ports';
import type { RuleResult } from './rule-result';
import { actionsContext, judgeActions } from './rules/alarms/actions';
import { judgeMissingData } from './rules/alarms/missing-data';
import { judgeRequired } from './rules/alarms/required';
import { judgeState } from './rules/alarms/state';
import type { TopicOutcomes } from './topics';

/**
 * Turns one alarm's rule verdicts into findings. To keep a report of hundreds of alarms readable,
 * a healthy alarm gives ONE PASS finding (rule `alarm`) summarising its rules, and an alarm with
 * problems gives one finding per rule that has a problem, so the rule names stay filterable.
 */
function findingsFor(alarm: Alarm, results: readonly RuleResult[]): Finding[] {
  const problems = results.filter((result) => result.status !== 'PASS');
  if (problems.length === 0) {
    return [
      alarmFinding('alarm', alarm.arn, {
        status: 'PASS',
        message: results.map((result) => result.message).join(' '),
        evidence: {
          alarmName: alarm.name,
          kind: alarm.kind,
          ...Object.fromEntries(results.map((result) => [result.rule, result.evidence])),
        },
      }),
    ];
  }
  return problems.map((problem) =>
    alarmFinding(problem.rule, alarm.arn, {
      status: problem.status,
      message: problem.message,
      evidence: { alarmName: alarm.name, kind: alarm.kind, ...problem.evidence },
      ...(problem.remediation === undefined ? {} : { remediation: problem.remediation }),
    }),
  );
}

/**
 * Judges the alarms of an account: one finding per required alarm, then the findings of every alarm
 * in `judged` (actions and state for all, missing-data for metric alarms). Required alarms are looked
 * for among all `alarms`, and a composite alarm credits its children whoever owns it. Pure: topic
 * lookups come in as data.
 * @param judged the alarms in scope. @default every alarm
 */
export function evaluateAlarms(
  alarms: readonly Alarm[],
  topics: TopicOutcomes,
  settings: CheckSettings['alarms'],
  now: Date,
  judged: readonly Alarm[] = alarms,
): Finding[] {
  const context = actionsContext(alarms, topics);
  const actions = new Map(alarms.map((alarm) => [alarm, judgeActions(alarm, context)]));
  const actionsOf = (alarm: Alarm) => actions.get(alarm) ?? judgeActions(alarm, context);
  const exempt = new Set(settings.missingDataExemptAlarms);

  const required = settings.requiredAlarms.map((requirement) =>
    judgeRequired(requirement, alarms, actionsOf),
  );
  const perAlarm = judged.flatMap((alarm) =>
    findingsFor(alarm, [
      actionsOf(alarm),
      judgeState(alarm, settings, now),
      ...(alarm.kind === 'metric' ? [judgeMissingData(alarm, exempt)] : []),
    ]),
  );
  return [...required, ...perAlarm];
}
