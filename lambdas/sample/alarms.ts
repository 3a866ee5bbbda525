import type { Alarm, AlarmsPorts, MetricAlarm, TopicSubscriptions } from '../core/checks/alarms/ports';

const REGION_ACCOUNT = 'eu-west-1:111122223333';
const OPS_ALERTS = `arn:aws:sns:${REGION_ACCOUNT}:ops-alerts`;
const PAYMENTS_ONCALL = `arn:aws:sns:${REGION_ACCOUNT}:payments-oncall`;
const HOUR_MS = 3_600_000;

/** ops-alerts reaches an e-mail list and a paging webhook; payments-oncall's e-mail was never confirmed. */
const TOPICS: ReadonlyMap<string, TopicSubscriptions> = new Map([
  [OPS_ALERTS, { exists: true, confirmed: 2, pending: 0, kmsMasterKeyId: null }],
  [PAYMENTS_ONCALL, { exists: true, confirmed: 0, pending: 1, kmsMasterKeyId: null }],
]);

function alarmArn(name: string): string {
  return `arn:aws:cloudwatch:${REGION_ACCOUNT}:alarm:${name}`;
}

function hoursAgo(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * HOUR_MS);
}

function metricAlarm(
  name: string,
  namespace: string,
  metricName: string,
  fields: Partial<Omit<MetricAlarm, 'kind' | 'name' | 'arn'>>,
  now: Date,
): MetricAlarm {
  const since = hoursAgo(now, 6 * 24);
  return {
    kind: 'metric',
    name,
    arn: alarmArn(name),
    actionsEnabled: true,
    alarmActions: [OPS_ALERTS],
    state: 'OK',
    stateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold.',
    stateTransitionedAt: since,
    stateUpdatedAt: since,
    treatMissingData: 'missing',
    metrics: [{ namespace, metricName }],
    ...fields,
  };
}

/**
 * The sample account's alarms: a healthy metric-math error rate, a latency alarm whose actions were
 * muted, a connections alarm paging a topic nobody confirmed, a health alarm that treats missing data
 * as healthy, a queue alarm stuck without data for three days, and a composite that covers a child
 * alarm without actions of its own.
 */
export function sampleAlarmsPorts(now: Date): AlarmsPorts {
  const stuckSince = hoursAgo(now, 72);
  const alarms: Alarm[] = [
    metricAlarm(
      'orders-api-5xx-rate',
      'AWS/ApplicationELB',
      'HTTPCode_Target_5XX_Count',
      {
        metrics: [
          { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' },
          { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount' },
        ],
      },
      now,
    ),
    metricAlarm(
      'orders-api-latency-p99',
      'AWS/ApplicationELB',
      'TargetResponseTime',
      { actionsEnabled: false },
      now,
    ),
    metricAlarm(
      'payments-db-connections',
      'AWS/RDS',
      'DatabaseConnections',
      { alarmActions: [PAYMENTS_ONCALL], treatMissingData: 'breaching' },
      now,
    ),
    metricAlarm(
      'checkout-healthy-hosts',
      'AWS/ApplicationELB',
      'HealthyHostCount',
      { treatMissingData: 'notBreaching' },
      now,
    ),
    metricAlarm(
      'ledger-queue-depth',
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      {
        state: 'INSUFFICIENT_DATA',
        stateReason: 'Insufficient Data: 3 datapoints were unknown.',
        stateTransitionedAt: stuckSince,
        stateUpdatedAt: stuckSince,
      },
      now,
    ),
    metricAlarm('orders-api-cpu-high', 'AWS/ECS', 'CPUUtilization', { alarmActions: [] }, now),
    {
      kind: 'composite',
      name: 'orders-service-health',
      arn: alarmArn('orders-service-health'),
      actionsEnabled: true,
      alarmActions: [OPS_ALERTS],
      state: 'OK',
      stateTransitionedAt: hoursAgo(now, 6 * 24),
      rule: 'ALARM("orders-api-5xx-rate") OR ALARM("orders-api-cpu-high")',
    },
  ];
  return {
    listAlarms: async () => alarms,
    topicSubscriptions: async (topicArn) => TOPICS.get(topicArn) ?? { exists: false },
  };
}
