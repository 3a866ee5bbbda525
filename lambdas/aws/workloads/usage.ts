import { type CloudWatchClient, paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { UsageQuery } from '../../core/checks/workloads/ports';
import { USAGE_PERIOD_SECONDS } from '../../core/checks/workloads/rules/resource-limits/service-quotas';
import { collectPages } from '../call';
import { required } from '../required';

const GET_METRIC_DATA = 'cloudwatch:GetMetricData';

/** GetMetricData takes at most 500 queries per call. */
export const USAGE_QUERIES_PER_CALL = 500;

/**
 * The usage metrics' datapoints, one per minute, by query id: one GetMetricData call per 500 queries
 * (pages followed), never one call per quota.
 */
export async function quotaUsage(
  client: CloudWatchClient,
  queries: readonly UsageQuery[],
  start: Date,
  end: Date,
): Promise<Map<string, number[]>> {
  const values = new Map<string, number[]>(queries.map((q) => [q.id, []]));
  for (let i = 0; i < queries.length; i += USAGE_QUERIES_PER_CALL) {
    const batch = queries.slice(i, i + USAGE_QUERIES_PER_CALL);
    const results = await collectPages(
      GET_METRIC_DATA,
      paginateGetMetricData(
        { client },
        {
          StartTime: start,
          EndTime: end,
          MetricDataQueries: batch.map((q) => ({
            Id: q.id,
            ReturnData: true,
            MetricStat: {
              Metric: {
                Namespace: q.metric.namespace,
                MetricName: q.metric.metricName,
                Dimensions: Object.entries(q.metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
              },
              Period: USAGE_PERIOD_SECONDS,
              Stat: q.metric.statistic,
            },
          })),
        },
      ),
      (page) => page.MetricDataResults,
    );
    for (const result of results) {
      const id = required(GET_METRIC_DATA, 'MetricDataResults[].Id', result.Id);
      values.get(id)?.push(...(result.Values ?? []));
    }
  }
  return values;
}
