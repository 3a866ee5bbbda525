import type { CompositeAlarm, MetricAlarm } from '../../../../lambdas/core/checks/alarms/ports';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:ops-alerts';
export const PENDING_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:payments-oncall';
export const GONE_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:deleted-topic';

export function hoursBefore(hours: number): Date {
  return new Date(NOW.getTime() - hours * 3_600_000);
}

/** A healthy metric alarm; override what the case is about. */
export function metricAlarm(name: string, fields: Partial<Omit<MetricAlarm, 'kind'>> = {}): MetricAlarm {
  return {
    kind: 'metric',
    name,
    arn: `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`,
    actionsEnabled: true,
    alarmActions: [TOPIC],
    state: 'OK',
    stateTransitionedAt: hoursBefore(48),
    treatMissingData: 'missing',
    metrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' }],
    ...fields,
  };
}

/** A healthy composite alarm over `rule`. */
export function compositeAlarm(
  name: string,
  rule: string,
  fields: Partial<Omit<CompositeAlarm, 'kind'>> = {},
): CompositeAlarm {
  return {
    kind: 'composite',
    name,
    arn: `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${name}`,
    actionsEnabled: true,
    alarmActions: [TOPIC],
    state: 'OK',
    stateTransitionedAt: hoursBefore(48),
    rule,
    ...fields,
  };
}
