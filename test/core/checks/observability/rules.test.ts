import { describe, expect, it } from 'vitest';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import type { LogActivity, LogGroup } from '../../../../lambdas/core/checks/observability/ports';
import {
  judgeRecentEvents,
  LOG_TIMESTAMP_LAG_MINUTES,
} from '../../../../lambdas/core/checks/observability/rules/log-delivery/recent-events';
import { judgeRetention } from '../../../../lambdas/core/checks/observability/rules/log-delivery/retention';
import {
  judgeDatapoints,
  metricResource,
} from '../../../../lambdas/core/checks/observability/rules/metrics-collection/datapoints';
import { AwsCallError } from '../../../../lambdas/core/errors';

const NOW = new Date('2026-03-10T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const GROUP: LogGroup = {
  name: '/ecs/orders-api',
  arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/orders-api',
};
const throttled = new AwsCallError(
  'logs:DescribeLogStreams',
  'throttled',
  'ThrottlingException',
  'Rate exceeded',
);

describe('log-delivery recent-events', () => {
  it.each<[string, LogActivity, string, RegExp]>([
    [
      'an event a minute ago',
      { streams: 3, lastEventAt: minutesAgo(1) },
      'PASS',
      /received events 1 min ago/,
    ],
    [
      'exactly at the limit',
      { streams: 1, lastEventAt: minutesAgo(15) },
      'PASS',
      /15 min ago \(limit 15 min\)/,
    ],
    [
      'an old event but a fresh ingestion (the event time lags)',
      { streams: 2, lastEventAt: minutesAgo(50), lastIngestionAt: minutesAgo(3) },
      'PASS',
      /3 min ago/,
    ],
    [
      'silent past the limit, within what the API may lag',
      { streams: 2, lastEventAt: minutesAgo(15 + LOG_TIMESTAMP_LAG_MINUTES) },
      'WARN',
      /not confirmed/,
    ],
    [
      'silent past the limit and the lag',
      { streams: 2, lastEventAt: minutesAgo(16 + LOG_TIMESTAMP_LAG_MINUTES) },
      'FAIL',
      /received nothing for 76 min/,
    ],
    [
      'silent for days',
      { streams: 2, lastIngestionAt: minutesAgo(3 * 24 * 60) },
      'FAIL',
      /nothing for 3 days/,
    ],
    ['streams that never held an event', { streams: 4 }, 'FAIL', /never received an event\.$/],
    ['no stream at all', { streams: 0 }, 'FAIL', /never received an event \(no log stream\)/],
  ])('%s: %s', (_case, activity, status, message) => {
    const finding = judgeRecentEvents(GROUP, succeeded(activity), 15, NOW);
    expect(finding).toMatchObject({
      checkId: 'log-delivery',
      rule: 'recent-events',
      resource: GROUP.arn,
      status,
    });
    expect(finding.message).toMatch(message);
    if (status !== 'PASS') expect(finding.remediation).toBeDefined();
  });

  it('is ERROR, never PASS, when the activity could not be read', () => {
    const finding = judgeRecentEvents(GROUP, { ok: false, error: throttled }, 15, NOW);
    expect(finding).toMatchObject({
      status: 'ERROR',
      evidence: { code: 'ThrottlingException', maxSilenceMinutes: 15 },
    });
    expect(finding.message).toContain('logs:DescribeLogStreams');
  });
});

describe('log-delivery retention', () => {
  it('passes a group with a retention period and names the days', () => {
    expect(judgeRetention({ ...GROUP, retentionInDays: 30 }, 'WARN')).toMatchObject({
      rule: 'retention',
      status: 'PASS',
      message: '/ecs/orders-api keeps events 30 days.',
    });
  });

  it.each(['WARN', 'FAIL'] as const)('gives a group kept forever the configured %s', (status) => {
    const finding = judgeRetention(GROUP, status);
    expect(finding).toMatchObject({ status, evidence: { retentionInDays: null } });
    expect(finding.remediation).toContain('put-retention-policy');
  });
});

describe('metrics-collection datapoints', () => {
  const metric = {
    namespace: 'AWS/ApplicationELB',
    metricName: 'RequestCount',
    dimensions: { LoadBalancer: 'app/orders-api/50dc' },
  };

  it('names a metric by namespace, name and dimensions', () => {
    expect(metricResource(metric)).toBe('AWS/ApplicationELB/RequestCount{LoadBalancer=app/orders-api/50dc}');
    expect(metricResource({ namespace: 'Payments', metricName: 'Authorized' })).toBe('Payments/Authorized');
  });

  it.each<[number, string]>([
    [1, 'PASS'],
    [3, 'PASS'],
    [0, 'FAIL'],
  ])('%s recently active metric(s): %s', (count, status) => {
    expect(judgeDatapoints(metric, succeeded(count))).toMatchObject({
      checkId: 'metrics-collection',
      rule: 'datapoints',
      status,
      evidence: { activeMetrics: count, windowHours: 3 },
    });
  });

  it('is ERROR when the listing failed', () => {
    const denied = new AwsCallError('cloudwatch:ListMetrics', 'access-denied', 'AccessDenied', 'no');
    expect(judgeDatapoints(metric, { ok: false, error: denied })).toMatchObject({
      status: 'ERROR',
      evidence: { code: 'AccessDenied' },
    });
  });
});
