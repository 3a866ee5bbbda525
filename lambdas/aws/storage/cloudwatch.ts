import {
  type CloudWatchClient,
  type MetricDataResult,
  paginateGetMetricData,
  paginateListMetrics,
} from '@aws-sdk/client-cloudwatch';
import type { MetricIdentity, Point, SeriesQuery } from '../../core/checks/storage/ports';
import { AwsCallError } from '../../core/errors';
import { collectPages } from '../call';
import { required } from '../required';

const LIST_METRICS = 'cloudwatch:ListMetrics';
const GET_METRIC_DATA = 'cloudwatch:GetMetricData';

/** GetMetricData's most queries in one request. */
export const QUERIES_PER_CALL = 500;
/** One datapoint an hour: 168 a week, so 500 queries stay under a call's 100,800 datapoints. */
export const PERIOD_SECONDS = 3600;

/** Every metric of one namespace and name, with its dimensions (500 to a page, fixed by the API). */
export async function listMetrics(
  client: CloudWatchClient,
  namespace: string,
  metricName: string,
): Promise<MetricIdentity[]> {
  const metrics = await collectPages(
    LIST_METRICS,
    paginateListMetrics({ client }, { Namespace: namespace, MetricName: metricName }),
    (page) => page.Metrics,
  );
  return metrics.map((m) => ({
    namespace: required(LIST_METRICS, 'Metrics[].Namespace', m.Namespace),
    metricName: required(LIST_METRICS, 'Metrics[].MetricName', m.MetricName),
    dimensions: Object.fromEntries(
      (m.Dimensions ?? []).map((d) => [
        required(LIST_METRICS, 'Metrics[].Dimensions[].Name', d.Name),
        required(LIST_METRICS, 'Metrics[].Dimensions[].Value', d.Value),
      ]),
    ),
  }));
}

/** How recently a metric must have been published to count as the instance running now. */
export const RUNNING_WITHIN = 'PT3H';

/**
 * The ids of the instances that published `AWS/EC2` `CPUUtilization` in the last 3 hours (500 to a
 * page, fixed by the API): every running instance does, through EC2's basic monitoring. Only the
 * metrics with an `InstanceId` count (EC2 also publishes aggregates by group, image and type).
 */
export async function runningInstances(client: CloudWatchClient): Promise<string[]> {
  const metrics = await collectPages(
    LIST_METRICS,
    paginateListMetrics(
      { client },
      {
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId' }],
        RecentlyActive: RUNNING_WITHIN,
      },
    ),
    (page) => page.Metrics,
  );
  const ids = metrics.flatMap((m) => {
    const instance = (m.Dimensions ?? []).find((d) => d.Name === 'InstanceId');
    return instance === undefined
      ? []
      : [required(LIST_METRICS, 'Metrics[].Dimensions[].Value', instance.Value)];
  });
  return [...new Set(ids)];
}

/**
 * Hourly datapoints of every query, 500 queries to a request, each request's pages followed. A query
 * CloudWatch did not answer completely (Forbidden, InternalError, partial data after every page) or
 * did not answer at all throws, naming GetMetricData: a series with holes would read as a trend.
 */
export async function series(
  client: CloudWatchClient,
  queries: readonly SeriesQuery[],
  start: Date,
  end: Date,
): Promise<Map<string, Point[]>> {
  const points = new Map<string, Point[]>();
  const status = new Map<string, string>();
  for (let i = 0; i < queries.length; i += QUERIES_PER_CALL) {
    const batch = queries.slice(i, i + QUERIES_PER_CALL);
    const results = await collectPages(
      GET_METRIC_DATA,
      paginateGetMetricData(
        { client },
        {
          MetricDataQueries: batch.map((q) => ({
            Id: q.id,
            MetricStat: {
              Metric: {
                Namespace: q.metric.namespace,
                MetricName: q.metric.metricName,
                Dimensions: Object.entries(q.metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
              },
              Period: PERIOD_SECONDS,
              Stat: q.stat,
            },
          })),
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
        },
      ),
      (page) => page.MetricDataResults,
    );
    for (const result of results) collect(points, status, result);
  }
  for (const q of queries) {
    const code = status.get(q.id);
    if (code !== 'Complete') {
      throw new AwsCallError(
        GET_METRIC_DATA,
        'malformed-response',
        code === undefined ? 'MissingResult' : `Status${code}`,
        `${code === undefined ? 'no result' : `status ${code}`} for ${q.metric.namespace} ${q.metric.metricName} ${JSON.stringify(q.metric.dimensions)}`,
      );
    }
  }
  for (const list of points.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return points;
}

function collect(points: Map<string, Point[]>, status: Map<string, string>, result: MetricDataResult): void {
  const id = required(GET_METRIC_DATA, 'MetricDataResults[].Id', result.Id);
  const list = points.get(id) ?? [];
  const values = result.Values ?? [];
  (result.Timestamps ?? []).forEach((at, i) => {
    const value = values[i];
    if (value !== undefined) list.push({ at, value });
  });
  points.set(id, list);
  // A failed page stays failed; otherwise the newest page says whether the data is complete.
  const before = status.get(id);
  if (before !== 'Forbidden' && before !== 'InternalError') status.set(id, result.StatusCode ?? 'Complete');
}
