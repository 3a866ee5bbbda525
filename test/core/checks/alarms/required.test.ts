import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../../lambdas/core/checks/alarms/ports';
import type { RuleResult } from '../../../../lambdas/core/checks/alarms/rule-result';
import {
  judgeRequired,
  type RequiredAlarm,
  requirementLabel,
  satisfies,
} from '../../../../lambdas/core/checks/alarms/rules/alarms/required';
import { compositeAlarm, metricAlarm } from './fixtures';

const MATH_ALARM = metricAlarm('orders-api-5xx-rate', {
  metrics: [
    { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' },
    { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount' },
  ],
});
const RDS_ALARM = metricAlarm('payments-db-connections', {
  metrics: [{ namespace: 'AWS/RDS', metricName: 'DatabaseConnections' }],
});
const COMPOSITE = compositeAlarm('orders-service-health', 'ALARM("orders-api-5xx-rate")');

describe('satisfies', () => {
  it.each<[string, Alarm, RequiredAlarm, boolean]>([
    ['exact name', RDS_ALARM, { name: 'payments-db-connections' }, true],
    ['other name', RDS_ALARM, { name: 'payments-db-cpu' }, false],
    ['composite by name', COMPOSITE, { name: 'orders-service-health' }, true],
    ['namespace and metric', RDS_ALARM, { namespace: 'AWS/RDS', metricName: 'DatabaseConnections' }, true],
    [
      'metric in another namespace',
      RDS_ALARM,
      { namespace: 'AWS/DocDB', metricName: 'DatabaseConnections' },
      false,
    ],
    ['metric without namespace', RDS_ALARM, { metricName: 'DatabaseConnections' }, true],
    [
      'metric inside metric math',
      MATH_ALARM,
      { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount' },
      true,
    ],
    ['composite never matches a metric', COMPOSITE, { metricName: 'HTTPCode_Target_5XX_Count' }, false],
    [
      'name and metric must both match',
      RDS_ALARM,
      { name: 'payments-db-connections', metricName: 'CPUUtilization' },
      false,
    ],
  ])('%s', (_case, alarm, required, expected) => {
    expect(satisfies(alarm, required)).toBe(expected);
  });
});

describe('requirementLabel', () => {
  it.each<[RequiredAlarm, string]>([
    [{ name: 'payments-api-5xx-rate' }, 'payments-api-5xx-rate'],
    [{ namespace: 'AWS/RDS', metricName: 'DatabaseConnections' }, 'AWS/RDS DatabaseConnections'],
    [{ metricName: 'Errors' }, '* Errors'],
  ])('labels %j as %s', (required, expected) => {
    expect(requirementLabel(required)).toBe(expected);
  });
});

describe('judgeRequired', () => {
  /** Every alarm's actions verdict is `status`, except where `overrides` says otherwise. */
  function actionsWith(overrides: Record<string, RuleResult['status']> = {}) {
    return (alarm: Alarm): RuleResult => ({
      rule: 'actions',
      status: overrides[alarm.name] ?? 'PASS',
      message: `actions of ${alarm.name}`,
      remediation: 'fix it',
      evidence: {},
    });
  }

  it('fails a missing alarm with the reason', () => {
    const required = { name: 'payments-api-5xx-rate', reason: 'error-rate rollback trigger' };

    const finding = judgeRequired(required, [MATH_ALARM, RDS_ALARM], actionsWith());

    expect(finding).toMatchObject({ rule: 'required', resource: 'payments-api-5xx-rate', status: 'FAIL' });
    expect(finding.message).toContain('error-rate rollback trigger');
    expect(finding.remediation).toBeTruthy();
  });

  it('passes when a matching alarm notifies', () => {
    const finding = judgeRequired({ metricName: 'HTTPCode_Target_5XX_Count' }, [MATH_ALARM], actionsWith());

    expect(finding).toMatchObject({ status: 'PASS', evidence: { matchingAlarms: ['orders-api-5xx-rate'] } });
  });

  it('passes when one of several matching alarms notifies', () => {
    const other = metricAlarm('payments-db-connections-2', { metrics: RDS_ALARM.metrics });

    const finding = judgeRequired(
      { metricName: 'DatabaseConnections' },
      [RDS_ALARM, other],
      actionsWith({ 'payments-db-connections': 'FAIL' }),
    );

    expect(finding.status).toBe('PASS');
  });

  it.each<[RuleResult['status'], string]>([
    ['FAIL', 'FAIL'],
    ['ERROR', 'ERROR'],
  ])('when the only matching alarm has actions %s, the requirement is %s', (actions, expected) => {
    const required = { namespace: 'AWS/RDS', metricName: 'DatabaseConnections' };

    const finding = judgeRequired(required, [RDS_ALARM], actionsWith({ 'payments-db-connections': actions }));

    expect(finding.status).toBe(expected);
    expect(finding.remediation).toBeTruthy();
  });
});
