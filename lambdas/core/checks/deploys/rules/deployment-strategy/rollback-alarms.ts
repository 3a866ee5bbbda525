import type { Finding, FindingStatus } from '../../../../findings';
import { worstStatus } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import type { AlarmVerdicts } from '../../alarm-verdicts';
import { strategyFinding } from '../../finding';

/** How a deployment (a CodeDeploy group, an ECS service) is wired to alarms. */
export interface AlarmWiring {
  /** What is deployed, for messages: `orders/orders-prod`, `ECS service orders-api`. */
  readonly label: string;
  /** The deployment is stopped when one of the alarms fires. */
  readonly stopsOnAlarm: boolean;
  /** A deployment an alarm stopped is rolled back. */
  readonly rollsBackOnAlarm: boolean;
  readonly alarmNames: readonly string[];
  /** True: the deployment goes on when CloudWatch cannot be asked for the alarms' state. */
  readonly ignorePollAlarmFailure?: boolean;
  /** How to wire it, for the remediation. */
  readonly fix: string;
}

/**
 * `rollback-alarms`: a deployment is stopped and rolled back by alarms, and every one of them is
 * sound by the alarms check's own rules (it exists, notifies someone, is not firing or stuck
 * without data, does not treat missing data as healthy). No alarm, stopping without rolling back,
 * or a missing alarm FAILs; an alarm's own problem counts with its status; alarms that could not
 * be read are ERROR. Ignoring a failed poll of the alarms is a WARN.
 */
export function judgeRollbackAlarms(
  resource: string,
  wiring: AlarmWiring,
  verdicts: Outcome<AlarmVerdicts> | undefined,
  evidence: Readonly<Record<string, unknown>> = {},
): Finding {
  const seen = {
    ...evidence,
    alarms: wiring.alarmNames,
    stopsOnAlarm: wiring.stopsOnAlarm,
    rollsBackOnAlarm: wiring.rollsBackOnAlarm,
    ...(wiring.ignorePollAlarmFailure === undefined
      ? {}
      : { ignorePollAlarmFailure: wiring.ignorePollAlarmFailure }),
  };
  if (!wiring.stopsOnAlarm || wiring.alarmNames.length === 0 || !wiring.rollsBackOnAlarm) {
    const what =
      !wiring.stopsOnAlarm || wiring.alarmNames.length === 0
        ? 'no alarm stops its deployments'
        : 'an alarm stops its deployments but does not roll them back';
    return strategyFinding('rollback-alarms', resource, {
      status: 'FAIL',
      message: `${wiring.label}: ${what}, so a release that breaks the service's metrics keeps going.`,
      remediation: wiring.fix,
      evidence: seen,
    });
  }
  if (verdicts === undefined || !verdicts.ok) {
    return errorFinding(
      strategyFinding,
      'rollback-alarms',
      resource,
      verdicts?.ok === false ? verdicts.error : new Error('the alarms were not read'),
      seen,
    );
  }
  const missing = wiring.alarmNames.filter((name) => verdicts.value(name) === undefined);
  const problems = wiring.alarmNames.flatMap((name) =>
    (verdicts.value(name) ?? [])
      .filter((result) => result.status !== 'PASS')
      .map((result) => ({ alarm: name, rule: result.rule, status: result.status, message: result.message })),
  );
  const statuses: FindingStatus[] = [
    ...(missing.length > 0 ? (['FAIL'] as const) : []),
    ...problems.map((p) => p.status),
    ...(wiring.ignorePollAlarmFailure === true ? (['WARN'] as const) : []),
  ];
  const status = worstStatus(statuses) ?? 'PASS';
  const withProblems = { ...seen, missingAlarms: missing, alarmProblems: problems };
  if (status === 'PASS') {
    return strategyFinding('rollback-alarms', resource, {
      status,
      message: `${wiring.label} is stopped and rolled back by ${wiring.alarmNames.join(', ')}: each exists, notifies someone and watches live data.`,
      evidence: withProblems,
    });
  }
  const parts = [
    ...(missing.length > 0
      ? [`${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist`]
      : []),
    ...problems.map((p) => `${p.alarm}: ${p.message}`),
    ...(wiring.ignorePollAlarmFailure === true
      ? ['a deployment goes on when the alarms cannot be read (ignorePollAlarmFailure)']
      : []),
  ];
  return strategyFinding('rollback-alarms', resource, {
    status,
    message: `${wiring.label}'s rollback alarms: ${parts.join('; ')}.`,
    remediation:
      missing.length > 0
        ? `Create the missing alarms or name existing ones: ${wiring.fix}`
        : 'Fix each alarm as its problem says (see the alarms check), and let a failed alarm poll stop the deployment.',
    evidence: withProblems,
  });
}
