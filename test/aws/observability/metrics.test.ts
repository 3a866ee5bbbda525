import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { countRecentlyActive } from '../../../lambdas/aws/observability/metrics';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const cloudwatch = mockClient(CloudWatchClient);

afterAll(() => {
  cloudwatch.restore();
});
const client = new CloudWatchClient({ region: 'eu-west-1' });
const metric = (lb: string) => ({
  Namespace: 'AWS/ApplicationELB',
  MetricName: 'RequestCount',
  Dimensions: [{ Name: 'LoadBalancer', Value: lb }],
});

describe('countRecentlyActive', () => {
  beforeEach(() => {
    cloudwatch.reset();
  });

  it('lists only recently active metrics of the name and dimensions, across every page', async () => {
    // Arrange
    const pages = servePages([
      { Metrics: [metric('app/orders/1'), metric('app/orders/1')], NextToken: 'p2' },
      { Metrics: [metric('app/orders/1')] },
    ]);
    cloudwatch.on(ListMetricsCommand).callsFake(pages.reply);

    // Act
    const count = await countRecentlyActive(client, {
      namespace: 'AWS/ApplicationELB',
      metricName: 'RequestCount',
      dimensions: { LoadBalancer: 'app/orders/1' },
    });

    // Assert
    expect(count).toBe(3);
    const first = {
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'RequestCount',
      Dimensions: [{ Name: 'LoadBalancer', Value: 'app/orders/1' }],
      RecentlyActive: 'PT3H',
    };
    expect(pages.sent).toEqual([first, { ...first, NextToken: 'p2' }]);
  });

  it('sends no dimension filter when the key metric names none', async () => {
    const pages = servePages([{ Metrics: [] }]);
    cloudwatch.on(ListMetricsCommand).callsFake(pages.reply);
    expect(await countRecentlyActive(client, { namespace: 'Payments', metricName: 'Authorized' })).toBe(0);
    expect(pages.sent).toEqual([{ Namespace: 'Payments', MetricName: 'Authorized', RecentlyActive: 'PT3H' }]);
  });

  it.each([
    ['AccessDeniedException', 'access-denied'],
    ['ThrottlingException', 'throttled'],
  ])('throws an AwsCallError naming cloudwatch:ListMetrics on %s', async (name, kind) => {
    cloudwatch.on(ListMetricsCommand).rejects(Object.assign(new Error('no'), { name }));
    const error = await countRecentlyActive(client, { namespace: 'A', metricName: 'B' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'cloudwatch:ListMetrics', kind });
  });
});
