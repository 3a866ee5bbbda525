import { describe, expect, it } from 'vitest';
import { evaluateAlarms } from '../../../../lambdas/core/checks/alarms/evaluate';
import type { TopicOutcome } from '../../../../lambdas/core/checks/alarms/topics';
import type { CheckSettings } from '../../../../lambdas/core/config/schema';
import { compositeAlarm, hoursBefore, metricAlarm, NOW, PENDING_TOPIC, TOPIC } from './fixtures';

const SETTINGS: CheckSettings['alarms'] = {
  enabled: true,
  requiredAlarms: [],
  insufficientDataHours: 24,
  failWhenInAlarm: true,
  missingDataExemptAlarms: [],
};
const TOPICS = new Map<string, TopicOutcome>([
  [TOPIC, { status: 'found', confirmed: 1, pending: 0, kmsMasterKeyId: null }],
  [PENDING_TOPIC, { status: 'found', confirmed: 0, pending: 1, kmsMasterKeyId: null }],
]);

describe('evaluateAlarms', () => {
  it('gives a healthy alarm one PASS finding summarising its rules', () => {
    const alarm = metricAlarm('orders-api-5xx-rate');

    const findings = evaluateAlarms([alarm], TOPICS, SETTINGS, NOW);

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      checkId: 'alarms',
      rule: 'alarm',
      resource: alarm.arn,
      status: 'PASS',
      evidence: { alarmName: 'orders-api-5xx-rate', actions: {}, state: {}, 'missing-data': {} },
    });
  });

  it('gives an alarm with problems one finding per failing rule, each with a remediation', () => {
    const alarm = metricAlarm('ledger-queue-depth', {
      alarmActions: [PENDING_TOPIC],
      state: 'INSUFFICIENT_DATA',
      stateTransitionedAt: hoursBefore(72),
      treatMissingData: 'notBreaching',
      metrics: [{ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible' }],
    });

    const findings = evaluateAlarms([alarm], TOPICS, SETTINGS, NOW);

    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['actions', 'FAIL'],
      ['state', 'WARN'],
      ['missing-data', 'WARN'],
    ]);
    for (const finding of findings) expect(finding.remediation).toBeTruthy();
  });

  it('does not judge missing data on a composite alarm', () => {
    const composite = compositeAlarm('orders-service-health', 'ALARM("x")', { state: 'ALARM' });

    const findings = evaluateAlarms([composite], TOPICS, SETTINGS, NOW);

    expect(findings.map((f) => [f.rule, f.status])).toEqual([['state', 'FAIL']]);
  });

  it('puts one finding per requirement first, judged against the alarms found', () => {
    const settings = {
      ...SETTINGS,
      requiredAlarms: [
        { name: 'orders-api-5xx-rate' },
        { name: 'payments-api-5xx-rate', reason: 'rollback' },
      ],
    };

    const findings = evaluateAlarms([metricAlarm('orders-api-5xx-rate')], TOPICS, settings, NOW);

    expect(findings.map((f) => [f.rule, f.resource, f.status])).toEqual([
      ['required', 'orders-api-5xx-rate', 'PASS'],
      ['required', 'payments-api-5xx-rate', 'FAIL'],
      ['alarm', 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-rate', 'PASS'],
    ]);
  });

  it('fails every requirement when the account has no alarms at all', () => {
    const settings = { ...SETTINGS, requiredAlarms: [{ metricName: 'Errors' }] };

    const findings = evaluateAlarms([], new Map(), settings, NOW);

    expect(findings).toMatchObject([{ rule: 'required', status: 'FAIL' }]);
  });
});
