import type { Alarm, MetricAlarm } from './ports';
import type { RuleResult } from './rule-result';

const HOUR_MS = 3_600_000;

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
 * `failWhenInAlarm` is off); one stuck in INSUFFICIENT_DATA longer than the threshold watches nothing (WARN).
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
      const elapsed = since ? (now.getTime() - since.getTime()) / HOUR_MS : undefined;
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

const MISSING_DATA_FIX =
  "Set TreatMissingData to 'breaching' for health and error metrics, or 'missing' so the alarm goes to " +
  'INSUFFICIENT_DATA when data stops; if the metric is sparse by design, list the alarm in ' +
  'checks.alarms.missingDataExemptAlarms.';

/**
 * The `missing-data` rule (metric alarms only): treating missing data as healthy (`notBreaching`) or
 * keeping the last state (`ignore`) lets an outage that stops the metric hide itself.
 */
export function judgeMissingData(alarm: MetricAlarm, exempt: ReadonlySet<string>): RuleResult {
  const treatMissingData = alarm.treatMissingData ?? 'missing';
  const evidence = { treatMissingData, exempt: exempt.has(alarm.name) };
  if (exempt.has(alarm.name) || (treatMissingData !== 'notBreaching' && treatMissingData !== 'ignore')) {
    return {
      rule: 'missing-data',
      status: 'PASS',
      message: `Missing data treated as ${treatMissingData}.`,
      evidence,
    };
  }
  return {
    rule: 'missing-data',
    status: 'WARN',
    message:
      treatMissingData === 'notBreaching'
        ? 'Missing data is treated as healthy (notBreaching): an outage that stops the metric hides itself.'
        : 'Missing data is ignored: the alarm keeps its last state when the metric stops, so an outage that stops the metric hides itself.',
    remediation: MISSING_DATA_FIX,
    evidence,
  };
}
