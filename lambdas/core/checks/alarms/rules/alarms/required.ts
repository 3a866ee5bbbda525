import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { alarmFinding } from '../../finding';
import type { Alarm } from '../../ports';
import type { RuleResult } from '../../rule-result';

/** One entry of `checks.alarms.requiredAlarms`. */
export type RequiredAlarm = CheckSettings['alarms']['requiredAlarms'][number];

/** How a requirement reads in findings: the alarm name, or `Namespace MetricName`. */
export function requirementLabel(required: RequiredAlarm): string {
  const metric =
    required.metricName === undefined ? '' : `${required.namespace ?? '*'} ${required.metricName}`;
  return [required.name, metric].filter((part) => part !== undefined && part !== '').join(' / ');
}

/** True when `alarm` satisfies every criterion the requirement gives (name, metric). */
export function satisfies(alarm: Alarm, required: RequiredAlarm): boolean {
  if (required.name !== undefined && alarm.name !== required.name) return false;
  if (required.metricName === undefined) return true;
  // A metric requirement is met by metric alarms only, metric-math alarms included.
  return (
    alarm.kind === 'metric' &&
    alarm.metrics.some(
      (m) =>
        m.metricName === required.metricName &&
        (required.namespace === undefined || m.namespace === required.namespace),
    )
  );
}

/**
 * The `required` rule: each configured requirement needs an alarm that exists AND notifies someone
 * (an alarm that notifies nobody does not count). `actionsOf` gives each alarm's actions verdict.
 */
export function judgeRequired(
  required: RequiredAlarm,
  alarms: readonly Alarm[],
  actionsOf: (alarm: Alarm) => RuleResult,
): Finding {
  const label = requirementLabel(required);
  const finding = (fields: FindingFields) => alarmFinding('required', label, fields);
  const why = required.reason === undefined ? '' : ` (${required.reason})`;
  const matches = alarms.filter((alarm) => satisfies(alarm, required));
  const evidence = { requirement: required, matchingAlarms: matches.map((a) => a.name) };
  if (matches.length === 0) {
    return finding({
      status: 'FAIL',
      message: `Required alarm missing: no alarm matches ${label}${why}.`,
      remediation: `Create the alarm${why}, with an ALARM action that notifies someone.`,
      evidence,
    });
  }
  const verdicts = matches.map((alarm) => ({ alarm, verdict: actionsOf(alarm) }));
  const working = verdicts.filter((v) => v.verdict.status === 'PASS');
  if (working.length > 0) {
    return finding({
      status: 'PASS',
      message: `Present and notifying: ${working.map((v) => v.alarm.name).join(', ')}.`,
      evidence,
    });
  }
  const unknown = verdicts.find((v) => v.verdict.status === 'ERROR');
  if (unknown !== undefined) {
    return finding({
      status: 'ERROR',
      message: `Could not tell whether ${unknown.alarm.name}, which matches ${label}, notifies anyone: ${unknown.verdict.message}`,
      remediation: unknown.verdict.remediation ?? 'Run again.',
      evidence,
    });
  }
  return finding({
    status: 'FAIL',
    message: `Required alarm ${label}${why} exists but notifies nobody: ${matches.map((a) => a.name).join(', ')}.`,
    remediation: 'Fix the actions of the matching alarm (see its actions finding).',
    evidence,
  });
}
