import {
  type CloudWatchClient,
  paginateDescribeAlarms,
  type CompositeAlarm as SdkCompositeAlarm,
  type MetricAlarm as SdkMetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type {
  Alarm,
  AlarmState,
  CompositeAlarm,
  MetricAlarm,
  WatchedMetric,
} from '../../core/checks/alarms/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { optionalDate } from '../required';

const DESCRIBE_ALARMS = 'cloudwatch:DescribeAlarms';

const STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] satisfies AlarmState[];

function stateOf(value: string | undefined): AlarmState | undefined {
  return value !== undefined && STATES.includes(value) ? (value as AlarmState) : undefined;
}

/** Fields both alarm kinds share; ActionsEnabled absent is read as disabled, so it never passes unseen. */
function common(alarm: SdkMetricAlarm | SdkCompositeAlarm, name: string) {
  const transitioned = optionalDate(
    DESCRIBE_ALARMS,
    'StateTransitionedTimestamp',
    alarm.StateTransitionedTimestamp,
  );
  const updated = optionalDate(DESCRIBE_ALARMS, 'StateUpdatedTimestamp', alarm.StateUpdatedTimestamp);
  return {
    name,
    arn: alarm.AlarmArn ?? name,
    actionsEnabled: alarm.ActionsEnabled === true,
    alarmActions: alarm.AlarmActions ?? [],
    state: stateOf(alarm.StateValue),
    ...(alarm.StateReason === undefined ? {} : { stateReason: alarm.StateReason }),
    ...(transitioned === undefined ? {} : { stateTransitionedAt: transitioned }),
    ...(updated === undefined ? {} : { stateUpdatedAt: updated }),
  };
}

/** The single metric, or every MetricStat inside a metric-math alarm. */
function metricsOf(alarm: SdkMetricAlarm): WatchedMetric[] {
  if (alarm.Namespace !== undefined && alarm.MetricName !== undefined) {
    return [{ namespace: alarm.Namespace, metricName: alarm.MetricName }];
  }
  return (alarm.Metrics ?? []).flatMap((query) => {
    const metric = query.MetricStat?.Metric;
    return metric?.Namespace !== undefined && metric.MetricName !== undefined
      ? [{ namespace: metric.Namespace, metricName: metric.MetricName }]
      : [];
  });
}

function toMetricAlarm(alarm: SdkMetricAlarm): MetricAlarm[] {
  if (alarm.AlarmName === undefined) return [];
  return [
    {
      kind: 'metric',
      ...common(alarm, alarm.AlarmName),
      ...(alarm.TreatMissingData === undefined ? {} : { treatMissingData: alarm.TreatMissingData }),
      metrics: metricsOf(alarm),
    },
  ];
}

function toCompositeAlarm(alarm: SdkCompositeAlarm): CompositeAlarm[] {
  if (alarm.AlarmName === undefined) return [];
  return [{ kind: 'composite', ...common(alarm, alarm.AlarmName), rule: alarm.AlarmRule ?? '' }];
}

/**
 * Every metric and composite alarm, from one paginated DescribeAlarms: the list already carries
 * actions, state and missing-data settings, so there is no describe per alarm.
 */
export async function listAlarms(client: CloudWatchClient): Promise<Alarm[]> {
  const listed = await collectPages(
    DESCRIBE_ALARMS,
    // 100 is DescribeAlarms' largest page; the default of 50 doubles the calls on a large account.
    paginateDescribeAlarms({ client, pageSize: 100 }, { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    (page) => [
      ...(page.MetricAlarms ?? []).map((alarm) => ({ metric: alarm })),
      ...(page.CompositeAlarms ?? []).map((alarm) => ({ composite: alarm })),
    ],
  );
  return readEach(
    DESCRIBE_ALARMS,
    listed,
    (item) => {
      const alarm = 'metric' in item ? item.metric : item.composite;
      return { arn: alarm.AlarmArn, names: [alarm.AlarmName] };
    },
    (item): Alarm[] => ('metric' in item ? toMetricAlarm(item.metric) : toCompositeAlarm(item.composite)),
  ).flat();
}
