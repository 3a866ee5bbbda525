import { type CloudWatchClient, paginateListMetrics } from '@aws-sdk/client-cloudwatch';
import type { KeyMetric } from '../../core/checks/observability/ports';
import { collectPages } from '../call';

/**
 * How many metrics match `metric` (namespace, name, every dimension given) and received datapoints
 * in the last 3 hours: ListMetrics with RecentlyActive PT3H, every page (500 to a page, fixed by
 * the API).
 */
export async function countRecentlyActive(client: CloudWatchClient, metric: KeyMetric): Promise<number> {
  const dimensions = Object.entries(metric.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value }));
  const metrics = await collectPages(
    'cloudwatch:ListMetrics',
    paginateListMetrics(
      { client },
      {
        Namespace: metric.namespace,
        MetricName: metric.metricName,
        ...(dimensions.length === 0 ? {} : { Dimensions: dimensions }),
        RecentlyActive: 'PT3H',
      },
    ),
    (page) => page.Metrics,
  );
  return metrics.length;
}
