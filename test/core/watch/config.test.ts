import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../lambdas/core/config/validate';
import { DEFAULT_TRIGGERS } from '../../../lambdas/core/watch/defaults';
import { resolveWatchConfig } from '../../../lambdas/core/watch/resolve';

function problemsOf(watch: unknown) {
  try {
    validateConfig({ watch }, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('watch configuration', () => {
  it('fills every default from an empty configuration', () => {
    const { watch } = validateConfig({});
    expect(watch).toMatchObject({
      minutes: 30,
      periodSeconds: 60,
      ingestionLagSeconds: 120,
      baseline: { minutes: 60, minCoverage: 0.5 },
      maxNoDataMinutes: 10,
      rollback: { action: 'none' },
    });
    // The error rate reads the request count, so latency judges only minutes with its minimum traffic.
    const quietLeftOut = { metric: 'requests', min: 50, whenMissing: 'judge' };
    expect(resolveWatchConfig(watch).triggers).toEqual(
      DEFAULT_TRIGGERS.map((t) => (t.id === 'latency' ? { ...t, eligibility: quietLeftOut } : t)),
    );
  });

  it('leaves latency without a traffic minimum when nothing reads the request count, or as configured', () => {
    const latencyOf = (watch: unknown) =>
      resolveWatchConfig(validateConfig({ watch }).watch).triggers.find((t) => t.id === 'latency');
    expect(latencyOf({ triggers: { 'error-rate': { enabled: false } } })?.eligibility).toBeNull();
    expect(latencyOf({ triggers: { latency: { eligibility: null } } })?.eligibility).toBeNull();
    expect(
      latencyOf({ triggers: { latency: { eligibility: { metric: 'requests', min: 5 } } } })?.eligibility,
    ).toEqual({ metric: 'requests', min: 5 });
  });

  it('tunes, disables, shadows and adds triggers', () => {
    const { watch } = validateConfig({
      watch: {
        triggers: {
          'error-rate': { threshold: 0.02, window: { breaching: 3, of: 5 } },
          latency: { enabled: false },
          'health-checks': { shadow: true },
          'queue-depth': {
            expression: 'queue_depth',
            threshold: { baselineMultiplier: 3, statistic: 'p95' },
            floor: 100,
          },
        },
      },
    });
    const triggers = resolveWatchConfig(watch).triggers;
    expect(triggers.map((t) => t.id)).toEqual([
      'error-rate',
      'health-checks',
      'db-connection-errors',
      'queue-depth',
    ]);
    expect(triggers[0]).toMatchObject({
      threshold: { kind: 'static', value: 0.02 },
      window: { breaching: 3, of: 5 },
      eligibility: { metric: 'requests', min: 50 },
      fillZero: ['errors'],
    });
    expect(triggers[1]?.shadow).toBe(true);
    expect(triggers[3]).toMatchObject({
      expression: 'queue_depth',
      comparison: '>',
      threshold: { kind: 'baseline', multiplier: 3, statistic: 'p95' },
      floor: 100,
      window: { breaching: 1, of: 1 },
      missingData: 'inconclusive',
    });
  });

  it('turns { consecutive: N } into N of N', () => {
    const { watch } = validateConfig({ watch: { triggers: { latency: { window: { consecutive: 4 } } } } });
    expect(resolveWatchConfig(watch).triggers[1]?.window).toEqual({ breaching: 4, of: 4 });
  });

  it('derives how finer datapoints combine from each metric statistic', () => {
    const metric = (stat: string) => ({ namespace: 'AWS/ApplicationELB', metricName: 'M', stat });
    const { watch } = validateConfig({
      watch: {
        metrics: {
          requests: metric('Sum'),
          errors: metric('Sum'),
          latency: metric('p99'),
          unhealthy_hosts: metric('Maximum'),
          db_connection_errors: { expression: 'm1 + m2' },
        },
        rollback: { action: 'ssm-automation', documentName: 'AWS-RestartEC2Instance' },
      },
    });
    expect(resolveWatchConfig(watch).aggregation).toEqual({
      requests: 'sum',
      errors: 'sum',
      latency: 'average',
      unhealthy_hosts: 'maximum',
      db_connection_errors: 'average',
    });
    expect(watch.rollback).toEqual({
      action: 'ssm-automation',
      documentName: 'AWS-RestartEC2Instance',
      parameters: {},
    });
  });

  it.each([
    [{ periodSeconds: 45 }, 'watch.periodSeconds', 45, /10, 30 or a multiple of 60/],
    [{ minutes: 7, periodSeconds: 120 }, 'watch.minutes', 7, /whole number of periods of 120 s/],
    [{ baseline: { minCoverage: 1.5 } }, 'watch.baseline.minCoverage', 1.5, /from 0\.01 to 1/],
    [
      { triggers: { 'error-rate': { expression: 'errors /' } } },
      'watch.triggers.error-rate.expression',
      'errors /',
      /arithmetic over metric ids/,
    ],
    [
      { triggers: { 'error-rate': { threshold: 'high' } } },
      'watch.triggers.error-rate.threshold',
      'high',
      /static threshold/,
    ],
    [
      { triggers: { 'error-rate': { window: { breaching: 6, of: 5 } } } },
      'watch.triggers.error-rate.window.breaching',
      6,
      /at most of \(5\)/,
    ],
    [
      { triggers: { 'error-rate': { missingData: 'ignore' } } },
      'watch.triggers.error-rate.missingData',
      'ignore',
      /inconclusive/,
    ],
    [
      { triggers: { 'error-rate': { fillZero: ['requests', 'latency'] } } },
      'watch.triggers.error-rate.fillZero.[1]',
      'latency',
      /expression uses/,
    ],
    [
      { triggers: { 'new-one': { threshold: 5 } } },
      'watch.triggers.new-one.expression',
      undefined,
      /expression for the new trigger/,
    ],
    [{ triggers: { Bad: {} } }, 'watch.triggers.Bad', 'Bad', /trigger id/],
    [{ metrics: { 'Bad-Id': { expression: 'x' } } }, 'watch.metrics.Bad-Id', 'Bad-Id', /metric id/],
    [
      {
        metrics: { requests: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', stat: 'Total' } },
      },
      'watch.metrics.requests.stat',
      'Total',
      /CloudWatch statistic such as Sum/,
    ],
    [
      { metrics: { requests: { metricName: 'RequestCount' } } },
      'watch.metrics.requests',
      { metricName: 'RequestCount' },
      /namespace, metricName, dimensions, stat/,
    ],
    [
      { rollback: { action: 'lambda', functionArn: 'my-function' } },
      'watch.rollback.functionArn',
      'my-function',
      /Lambda function ARN/,
    ],
    [{ maxNoDataMinutes: 0 }, 'watch.maxNoDataMinutes', 0, /from 1 to 1440/],
    [{ rollback: { action: 'codedeploy' } }, 'watch.rollback.deploymentGroups', undefined, /expected array/],
    [
      { rollback: { action: 'codedeploy', deploymentGroups: [] } },
      'watch.rollback.deploymentGroups',
      [],
      /at least one \{ applicationName, deploymentGroupName \}/,
    ],
    [
      {
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: '*' }],
        },
      },
      'watch.rollback.deploymentGroups.[0].deploymentGroupName',
      '*',
      /no wildcards/,
    ],
    [
      {
        rollback: {
          action: 'ssm-automation',
          documentName: 'Orders-Rollback',
          parameters: { AutomationAssumeRole: ['arn:aws:iam::111122223333:role/*'] },
        },
      },
      'watch.rollback.parameters.AutomationAssumeRole.[0]',
      'arn:aws:iam::111122223333:role/*',
      /concrete IAM role ARN/,
    ],
    [
      {
        rollback: {
          action: 'ssm-automation',
          documentName: 'Orders-Rollback',
          parameters: { AutomationAssumeRole: ['arn:aws:iam::111122223333:role/{service}-rollback'] },
        },
      },
      'watch.rollback.parameters.AutomationAssumeRole.[0]',
      'arn:aws:iam::111122223333:role/{service}-rollback',
      /concrete IAM role ARN/,
    ],
    [
      {
        rollback: {
          action: 'ssm-automation',
          documentName: 'Orders-Rollback',
          parameters: { Target: ['{commitTime}'] },
        },
      },
      'watch.rollback.parameters.Target.[0]',
      '{commitTime}',
      /unknown placeholder \{commitTime\}; expected \{deploymentId\}, \{service\}, \{environment\}/,
    ],
  ])('rejects %j naming the key, the value and what is expected', (watch, key, value, expected) => {
    const problems = problemsOf(watch);
    expect(problems[0]).toMatchObject({ key, value });
    expect(problems[0]?.expected).toMatch(expected);
  });

  it('rejects a zero-filled eligibility metric: a missing request count is never healthy', () => {
    const problems = problemsOf({
      triggers: {
        custom: { expression: 'a / b', threshold: 1, eligibility: { metric: 'b', min: 1 }, fillZero: ['b'] },
      },
    });
    expect(problems).toEqual([
      expect.objectContaining({ key: 'watch.triggers.custom.eligibility.metric', value: 'b' }),
    ]);
  });

  it('once metrics are mapped, requires every metric an enabled trigger uses', () => {
    const problems = problemsOf({
      metrics: { requests: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', stat: 'Sum' } },
      triggers: {
        latency: { enabled: false },
        'health-checks': { enabled: false },
        'db-connection-errors': { enabled: false },
      },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'watch.metrics',
        value: 'errors',
        expected: expect.stringMatching(/used by trigger "error-rate"/),
      }),
    ]);
  });
});
