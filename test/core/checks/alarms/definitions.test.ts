import { describe, expect, it, vi } from 'vitest';
import { alarmChecks } from '../../../../lambdas/core/checks/alarms/definitions';
import { TOPIC_LOOKUP_CONCURRENCY } from '../../../../lambdas/core/checks/alarms/lookup-topics';
import type { Alarm, AlarmsPorts, TopicSubscriptions } from '../../../../lambdas/core/checks/alarms/ports';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../../lambdas/core/errors';
import { createSampleAccount } from '../../../../lambdas/sample/account';
import { metricAlarm, NOW, TOPIC } from './fixtures';

const check = alarmChecks.alarms;
const DEFAULTS = ConfigSchema.parse({}).checks.alarms;
const DENIED_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:denied';

function account(alarms: AlarmsPorts): AccountPorts {
  return { alarms } as unknown as AccountPorts;
}

function fakePorts(alarms: Alarm[], topics: Record<string, TopicSubscriptions>): AlarmsPorts {
  return {
    listAlarms: vi.fn(async () => alarms),
    topicSubscriptions: vi.fn(async (arn: string): Promise<TopicSubscriptions> => {
      if (arn === DENIED_TOPIC) {
        throw new AwsCallError(
          'sns:ListSubscriptionsByTopic',
          'access-denied',
          'AuthorizationError',
          'denied',
        );
      }
      return topics[arn] ?? { exists: false };
    }),
  };
}

describe('alarms check', () => {
  it('declares exactly the IAM actions its adapters call', () => {
    expect(check.permissions).toEqual([
      'cloudwatch:DescribeAlarms',
      'sns:ListSubscriptionsByTopic',
      'sns:GetTopicAttributes',
      'kms:DescribeKey',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it('returns no findings when there are no alarms and none required', async () => {
    const ports = fakePorts([], {});

    await expect(check.run(account(ports), DEFAULTS, NOW)).resolves.toEqual([]);
  });

  it('looks each topic up once, and only for alarms whose actions are enabled', async () => {
    const ports = fakePorts(
      [
        metricAlarm('a'),
        metricAlarm('b'),
        metricAlarm('c', {
          actionsEnabled: false,
          alarmActions: ['arn:aws:sns:eu-west-1:111122223333:muted'],
        }),
      ],
      { [TOPIC]: { exists: true, confirmed: 1, pending: 0, kmsMasterKeyId: null } },
    );

    await check.run(account(ports), DEFAULTS, NOW);

    expect(ports.topicSubscriptions).toHaveBeenCalledTimes(1);
    expect(ports.topicSubscriptions).toHaveBeenCalledWith(TOPIC);
  });

  it('reports ERROR for the alarms whose topic lookup was denied and still judges the others', async () => {
    const ports = fakePorts(
      [metricAlarm('shared', { alarmActions: [DENIED_TOPIC] }), metricAlarm('orders-api-5xx-rate')],
      { [TOPIC]: { exists: true, confirmed: 1, pending: 0, kmsMasterKeyId: null } },
    );

    const findings = await check.run(account(ports), DEFAULTS, NOW);

    expect(findings.map((f) => [f.evidence?.alarmName, f.rule, f.status])).toEqual([
      ['shared', 'actions', 'ERROR'],
      ['orders-api-5xx-rate', 'alarm', 'PASS'],
    ]);
    expect(findings[0]?.remediation).toContain('sns:ListSubscriptionsByTopic');
  });

  it('bounds the topic lookups in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const alarms = Array.from({ length: 20 }, (_, i) =>
      metricAlarm(`a${i}`, { alarmActions: [`arn:aws:sns:eu-west-1:111122223333:t${i}`] }),
    );
    const ports: AlarmsPorts = {
      listAlarms: async () => alarms,
      topicSubscriptions: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return { exists: true, confirmed: 1, pending: 0, kmsMasterKeyId: null };
      },
    };

    await check.run(account(ports), DEFAULTS, NOW);

    expect(peak).toBe(TOPIC_LOOKUP_CONCURRENCY);
  });

  it('lets a failed inventory throw, for the runner to record', async () => {
    const ports: AlarmsPorts = {
      listAlarms: async () => {
        throw new AwsCallError('cloudwatch:DescribeAlarms', 'access-denied', 'AccessDenied', 'denied');
      },
      topicSubscriptions: async () => ({ exists: false }),
    };

    await expect(check.run(account(ports), DEFAULTS, NOW)).rejects.toBeInstanceOf(AwsCallError);
  });

  it('tells the sample account story', async () => {
    const settings = ConfigSchema.parse({
      checks: {
        alarms: {
          requiredAlarms: [
            { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' },
            { name: 'payments-api-5xx-rate', reason: 'error-rate rollback trigger' },
          ],
        },
      },
    }).checks.alarms;

    const findings = await check.run(createSampleAccount(NOW), settings, NOW);

    const summary = findings.map((f) => `${f.status} ${f.rule} ${f.resource.replace(/.*:alarm:/, '')}`);
    expect(summary).toEqual([
      'PASS required AWS/ApplicationELB HTTPCode_Target_5XX_Count',
      'FAIL required payments-api-5xx-rate',
      'PASS alarm orders-api-5xx-rate',
      'FAIL actions orders-api-latency-p99',
      'FAIL actions payments-db-connections',
      'WARN missing-data checkout-healthy-hosts',
      'WARN state ledger-queue-depth',
      'PASS alarm orders-api-cpu-high',
      'PASS alarm orders-service-health',
    ]);
  });
});
