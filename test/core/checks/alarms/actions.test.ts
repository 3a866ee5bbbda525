import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../../lambdas/core/checks/alarms/ports';
import { actionsContext, judgeActions } from '../../../../lambdas/core/checks/alarms/rules/alarms/actions';
import type { TopicOutcome } from '../../../../lambdas/core/checks/alarms/topics';
import { compositeAlarm, GONE_TOPIC, metricAlarm, PENDING_TOPIC, TOPIC } from './fixtures';

const DENIED: TopicOutcome = {
  status: 'error',
  message: 'Could not evaluate: sns:ListSubscriptionsByTopic was denied (AuthorizationError).',
  remediation: 'Allow sns:ListSubscriptionsByTopic for the role Preflight runs as.',
  code: 'AuthorizationError',
};
const DENIED_TOPIC = 'arn:aws:sns:eu-west-1:444455556666:shared-alerts';
const DENIED_OWN_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:team-alerts';
const TOPICS = new Map<string, TopicOutcome>([
  [TOPIC, { status: 'found', confirmed: 2, pending: 0, kmsMasterKeyId: null }],
  [PENDING_TOPIC, { status: 'found', confirmed: 0, pending: 1, kmsMasterKeyId: null }],
  [GONE_TOPIC, { status: 'not-found' }],
  [DENIED_TOPIC, DENIED],
  [DENIED_OWN_TOPIC, DENIED],
]);
const LAMBDA = 'arn:aws:lambda:eu-west-1:111122223333:function:restart-workers';

function judge(alarm: Alarm, others: Alarm[] = []) {
  return judgeActions(alarm, actionsContext([alarm, ...others], TOPICS));
}

describe('judgeActions', () => {
  describe('own actions', () => {
    it.each([
      ['a topic with confirmed subscriptions', { alarmActions: [TOPIC] }, 'PASS'],
      ['a non-SNS action', { alarmActions: [LAMBDA] }, 'PASS'],
      ['a confirmed topic beside a dead one', { alarmActions: [GONE_TOPIC, TOPIC] }, 'PASS'],
      ['a confirmed topic beside an unchecked one', { alarmActions: [DENIED_TOPIC, TOPIC] }, 'PASS'],
      ['actions disabled', { actionsEnabled: false }, 'FAIL'],
      ['no ALARM action', { alarmActions: [] }, 'FAIL'],
      ['only a topic with pending confirmation', { alarmActions: [PENDING_TOPIC] }, 'FAIL'],
      ['only a topic that does not exist', { alarmActions: [GONE_TOPIC] }, 'FAIL'],
      [
        'a dead topic and one that could not be checked',
        { alarmActions: [GONE_TOPIC, DENIED_TOPIC] },
        'ERROR',
      ],
      [
        'a topic that was never looked up',
        { alarmActions: ['arn:aws:sns:eu-west-1:111122223333:x'] },
        'ERROR',
      ],
    ])('%s: %s', (_case, fields, expected) => {
      // Arrange
      const alarm = metricAlarm('orders-api-5xx-rate', fields);
      // Act
      const result = judge(alarm);
      // Assert
      expect(result.status).toBe(expected);
      if (expected !== 'PASS') expect(result.remediation).toBeTruthy();
    });

    it('names each dead topic and why in the message', () => {
      const alarm = metricAlarm('payments-db-connections', { alarmActions: [PENDING_TOPIC, GONE_TOPIC] });

      const result = judge(alarm);

      expect(result.message).toContain('payments-oncall (no confirmed subscription, 1 pending confirmation)');
      expect(result.message).toContain('deleted-topic (topic does not exist)');
    });

    it('carries the explained lookup failure into an ERROR', () => {
      const alarm = metricAlarm('team', { alarmActions: [DENIED_OWN_TOPIC] });

      const result = judge(alarm);

      expect(result).toMatchObject({
        status: 'ERROR',
        remediation: DENIED.remediation,
        evidence: { uncheckedTopics: [DENIED_OWN_TOPIC], code: 'AuthorizationError' },
      });
    });

    it("points a denied lookup of another account's topic at that topic's policy", () => {
      const alarm = metricAlarm('shared', { alarmActions: [DENIED_TOPIC] });

      const result = judge(alarm);

      expect(result).toMatchObject({
        status: 'ERROR',
        remediation: expect.stringContaining('topic policy in account 444455556666'),
        evidence: { uncheckedTopics: [DENIED_TOPIC], code: 'AuthorizationError' },
      });
    });

    it('fails disabled actions even when a composite alarm fires on the alarm', () => {
      const alarm = metricAlarm('latency', { actionsEnabled: false });

      const result = judge(alarm, [compositeAlarm('health', 'ALARM("latency")')]);

      expect(result.status).toBe('FAIL');
    });
  });

  describe('alarm without actions under a composite alarm', () => {
    it('passes when a composite alarm that notifies fires on it', () => {
      const child = metricAlarm('cpu', { alarmActions: [] });

      const result = judge(child, [compositeAlarm('health', 'ALARM("cpu") OR ALARM("other")')]);

      expect(result).toMatchObject({ status: 'PASS', evidence: { notifiesThroughComposites: ['health'] } });
    });

    it('passes through two levels of composites', () => {
      const child = metricAlarm('cpu', { alarmActions: [] });
      const middle = compositeAlarm('service', 'ALARM(cpu)', { alarmActions: [] });
      const top = compositeAlarm('platform', 'ALARM(service)');

      expect(judge(child, [middle, top]).status).toBe('PASS');
    });

    it('fails when the composite notifies nobody either, naming it', () => {
      const child = metricAlarm('cpu', { alarmActions: [] });

      const result = judge(child, [compositeAlarm('health', 'ALARM("cpu")', { alarmActions: [GONE_TOPIC] })]);

      expect(result.status).toBe('FAIL');
      expect(result.message).toContain('health');
    });

    it('reports ERROR when the composite topic could not be checked', () => {
      const child = metricAlarm('cpu', { alarmActions: [] });

      const result = judge(child, [
        compositeAlarm('health', 'ALARM("cpu")', { alarmActions: [DENIED_TOPIC] }),
      ]);

      expect(result.status).toBe('ERROR');
    });

    it('terminates on composites that fire on each other without notifying', () => {
      const a = compositeAlarm('a', 'ALARM(b)', { alarmActions: [] });
      const b = compositeAlarm('b', 'ALARM(a)', { alarmActions: [] });

      expect(judge(a, [b]).status).toBe('FAIL');
    });
  });
});
