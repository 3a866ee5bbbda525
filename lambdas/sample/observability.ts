import type {
  KeyMetric,
  LogActivity,
  LogGroup,
  ObservabilityPorts,
} from '../core/checks/observability/ports';
import { AwsCallError } from '../core/errors';

const MINUTE = 60_000;

/** One sample log group: its name, retention, and minutes since its last event (none: never written). */
export interface SampleLogGroup {
  readonly name: string;
  readonly retentionInDays?: number;
  readonly lastEventMinutesAgo?: number;
}

/** A metric the sample account publishes: its namespace, name and dimensions. */
export interface SampleMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

const matches = (metric: KeyMetric) => (published: SampleMetric) =>
  published.namespace === metric.namespace &&
  published.metricName === metric.metricName &&
  Object.entries(metric.dimensions ?? {}).every(([name, value]) => published.dimensions[name] === value);

/** Log groups and recently active metrics of one sample region, served as the observability ports. */
export function sampleObservabilityPorts(
  location: { readonly region: string; readonly accountId: string },
  groups: readonly SampleLogGroup[],
  activeMetrics: readonly SampleMetric[],
  now: Date,
): ObservabilityPorts {
  const at = now.getTime();
  const byName = new Map(groups.map((g) => [g.name, g]));
  return {
    listLogGroups: async (): Promise<LogGroup[]> =>
      groups.map((g) => ({
        name: g.name,
        arn: `arn:aws:logs:${location.region}:${location.accountId}:log-group:${g.name}`,
        ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
      })),
    logActivity: async (name): Promise<LogActivity> => {
      const group = byName.get(name);
      if (group === undefined) {
        throw new AwsCallError('logs:DescribeLogStreams', 'not-found', 'ResourceNotFoundException', name);
      }
      if (group.lastEventMinutesAgo === undefined) return { streams: 0 };
      const last = new Date(at - group.lastEventMinutesAgo * MINUTE);
      return { streams: 3, lastEventAt: last, lastIngestionAt: last };
    },
    countRecentlyActive: async (metric) => activeMetrics.filter(matches(metric)).length,
  };
}
