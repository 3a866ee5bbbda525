import { elapsedHours } from '../../../kit/time';
import type { Alarm } from '../../ports';
import type { RuleResult } from '../../rule-result';
import { drivesScalingOnly } from '../../targets';

/** Settings the state rules read. */
export interface StateSettings {
  readonly failWhenInAlarm: boolean;
  readonly insufficientDataHours: number;
}

/**
 * When the alarm entered its current state. StateTransitionedTimestamp is exactly that; older
 * responses only have StateUpdatedTimestamp, which may be later (evaluation updates), never earlier.
 */
function stateSince(alarm: Alarm): Date | undefined {
  return alarm.stateTransitionedAt ?? alarm.stateUpdatedAt;
}

/**
 * The `state` rule: an alarm in ALARM now is a problem to fix before deploying (FAIL, or WARN when
 * `failWhenInAlarm` is off), unless its only ALARM actions are scaling policies; one stuck in INSUFFICIENT_DATA longer than the threshold watches nothing (WARN).
 */
export function judgeState(alarm: Alarm, settings: StateSettings, now: Date): RuleResult {
  const since = stateSince(alarm);
  const evidence = { state: alarm.state, since: since?.toISOString(), reason: alarm.stateReason };
  switch (alarm.state) {
    case undefined:
      return {
        rule: 'state',
        status: 'ERROR',
        message: 'Could not evaluate: CloudWatch reported no state for the alarm.',
        remediation: 'Describe the alarm (aws cloudwatch describe-alarms) and run again.',
        evidence,
      };
    case 'ALARM':
      if (drivesScalingOnly(alarm.alarmActions)) {
        return {
          rule: 'state',
          status: 'PASS',
          message: `In ALARM${since ? ` since ${since.toISOString()}` : ''}, but it only drives Auto Scaling (its ALARM actions are scaling policies): ALARM asks for capacity, it is no incident.`,
          evidence: { ...evidence, drivesScalingOnly: true },
        };
      }
      return {
        rule: 'state',
        status: settings.failWhenInAlarm ? 'FAIL' : 'WARN',
        message: `In ALARM${since ? ` since ${since.toISOString()}` : ''}: fix the condition before you deploy.`,
        remediation:
          'Resolve what the alarm reports (see its state reason) before deploying, or set ' +
          'checks.alarms.failWhenInAlarm to false to only warn.',
        evidence: { ...evidence, failWhenInAlarm: settings.failWhenInAlarm },
      };
    case 'INSUFFICIENT_DATA': {
      const limit = settings.insufficientDataHours;
      const elapsed = since ? elapsedHours(since, now) : undefined;
      const hours = elapsed === undefined ? undefined : Math.floor(elapsed);
      if (elapsed !== undefined && elapsed <= limit) {
        return {
          rule: 'state',
          status: 'PASS',
          message: `INSUFFICIENT_DATA for ${hours} h, within ${limit} h.`,
          evidence: { ...evidence, insufficientDataHours: limit },
        };
      }
      return {
        rule: 'state',
        status: 'WARN',
        message:
          hours === undefined
            ? 'Stuck in INSUFFICIENT_DATA since an unknown time: it is watching no data.'
            : `Stuck in INSUFFICIENT_DATA for ${hours} h (more than ${limit} h): it is watching no data.`,
        remediation:
          'Check that the namespace, metric name and dimensions match what is published (a wrong dimension ' +
          'leaves an alarm without data forever); delete the alarm if its resource is gone.',
        evidence: { ...evidence, hours, insufficientDataHours: limit },
      };
    }
    case 'OK':
      return { rule: 'state', status: 'PASS', message: 'State OK.', evidence };
  }
}
