import { describe, expect, it } from 'vitest';
import { judgeMissingData } from '../../../../lambdas/core/checks/alarms/rules/alarms/missing-data';
import { judgeState } from '../../../../lambdas/core/checks/alarms/rules/alarms/state';
import { hoursBefore, metricAlarm, NOW } from './fixtures';

const SETTINGS = { failWhenInAlarm: true, insufficientDataHours: 24 };

describe('judgeState', () => {
  it.each([
    ['OK', { state: 'OK' as const }, SETTINGS, 'PASS'],
    ['in ALARM, failing by default', { state: 'ALARM' as const }, SETTINGS, 'FAIL'],
    [
      'in ALARM with failWhenInAlarm off',
      { state: 'ALARM' as const },
      { ...SETTINGS, failWhenInAlarm: false },
      'WARN',
    ],
    [
      'INSUFFICIENT_DATA for 3 h',
      { state: 'INSUFFICIENT_DATA' as const, stateTransitionedAt: hoursBefore(3) },
      SETTINGS,
      'PASS',
    ],
    [
      'INSUFFICIENT_DATA for exactly the threshold',
      { state: 'INSUFFICIENT_DATA' as const, stateTransitionedAt: hoursBefore(24) },
      SETTINGS,
      'PASS',
    ],
    [
      'INSUFFICIENT_DATA for 72 h',
      { state: 'INSUFFICIENT_DATA' as const, stateTransitionedAt: hoursBefore(72) },
      SETTINGS,
      'WARN',
    ],
    [
      'INSUFFICIENT_DATA for 72 h, only StateUpdatedTimestamp known',
      {
        state: 'INSUFFICIENT_DATA' as const,
        stateTransitionedAt: undefined,
        stateUpdatedAt: hoursBefore(72),
      },
      SETTINGS,
      'WARN',
    ],
    [
      'INSUFFICIENT_DATA since an unknown time',
      { state: 'INSUFFICIENT_DATA' as const, stateTransitionedAt: undefined },
      SETTINGS,
      'WARN',
    ],
    ['no state reported', { state: undefined }, SETTINGS, 'ERROR'],
  ])('%s: %s', (_case, fields, settings, expected) => {
    // Arrange
    const alarm = metricAlarm('orders-api-5xx-rate', fields);
    // Act
    const result = judgeState(alarm, settings, NOW);
    // Assert
    expect(result.status).toBe(expected);
    expect(result.rule).toBe('state');
    if (expected !== 'PASS') expect(result.remediation).toBeTruthy();
  });

  it('prefers the transition time over the later update time', () => {
    const alarm = metricAlarm('q', {
      state: 'INSUFFICIENT_DATA',
      stateTransitionedAt: hoursBefore(30),
      stateUpdatedAt: hoursBefore(1),
    });

    const result = judgeState(alarm, SETTINGS, NOW);

    expect(result).toMatchObject({ status: 'WARN', evidence: { hours: 30, insufficientDataHours: 24 } });
    expect(result.message).toContain('30 h');
  });
});

describe('judgeMissingData', () => {
  it.each([
    ['notBreaching', 'WARN'],
    ['ignore', 'WARN'],
    ['breaching', 'PASS'],
    ['missing', 'PASS'],
    [undefined, 'PASS'],
  ])('TreatMissingData %s is %s', (treatMissingData, expected) => {
    const alarm = metricAlarm('checkout-healthy-hosts', {
      treatMissingData,
      metrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'HealthyHostCount' }],
    });

    expect(judgeMissingData(alarm, new Set()).status).toBe(expected);
  });

  it('accepts notBreaching on an alarm listed as exempt', () => {
    const alarm = metricAlarm('orders-errors', {
      treatMissingData: 'notBreaching',
      metrics: [{ namespace: 'AWS/Lambda', metricName: 'Errors' }],
    });

    const result = judgeMissingData(alarm, new Set(['orders-errors']));

    expect(result).toMatchObject({ status: 'PASS', evidence: { exempt: true } });
  });

  it.each([
    ['notBreaching', 'PASS'],
    ['ignore', 'WARN'],
  ])(
    'TreatMissingData %s on an ELB count published only when non-zero is %s',
    (treatMissingData, expected) => {
      const alarm = metricAlarm('orders-5xx-count', { treatMissingData });

      expect(judgeMissingData(alarm, new Set()).status).toBe(expected);
    },
  );

  it('keeps the WARN when one metric of a metric-math alarm is published always', () => {
    const alarm = metricAlarm('orders-5xx-per-host', {
      treatMissingData: 'notBreaching',
      metrics: [
        { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' },
        { namespace: 'AWS/ApplicationELB', metricName: 'HealthyHostCount' },
      ],
    });

    expect(judgeMissingData(alarm, new Set()).status).toBe('WARN');
  });
});
