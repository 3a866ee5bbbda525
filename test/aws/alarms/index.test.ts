import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsAlarmsPorts } from '../../../lambdas/aws/alarms';
import { alarmChecks } from '../../../lambdas/core/checks/alarms/definitions';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';

// Mocking the client classes' prototypes reaches the clients the factory creates itself.
const cloudwatch = mockClient(CloudWatchClient);
const sns = mockClient(SNSClient);

afterAll(() => {
  cloudwatch.restore();
  sns.restore();
});
const DENIED_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:denied';
const OK_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:ops-alerts';

describe('createAwsAlarmsPorts, through the alarms check', () => {
  beforeEach(() => {
    cloudwatch.reset();
    sns.reset();
  });

  it('reports ERROR for the alarm whose topic lookup is denied and PASS for the other', async () => {
    // Arrange
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'shared',
          AlarmArn: 'arn:shared',
          ActionsEnabled: true,
          AlarmActions: [DENIED_TOPIC],
          StateValue: 'OK',
        },
        {
          AlarmName: 'orders',
          AlarmArn: 'arn:orders',
          ActionsEnabled: true,
          AlarmActions: [OK_TOPIC],
          StateValue: 'OK',
        },
      ],
    });
    sns
      .on(ListSubscriptionsByTopicCommand, { TopicArn: DENIED_TOPIC })
      .rejects(Object.assign(new Error('not authorized'), { name: 'AuthorizationErrorException' }))
      .on(ListSubscriptionsByTopicCommand, { TopicArn: OK_TOPIC })
      .resolves({ Subscriptions: [{ SubscriptionArn: `${OK_TOPIC}:1f2e3d4c` }] });
    sns
      .on(GetTopicAttributesCommand, { TopicArn: OK_TOPIC })
      .resolves({ Attributes: { TopicArn: OK_TOPIC } });
    const account = {
      alarms: createAwsAlarmsPorts({ region: 'eu-west-1', maxAttempts: 1 }),
    } as unknown as AccountPorts;

    // Act
    const findings = await alarmChecks.alarms.run(account, ConfigSchema.parse({}).checks.alarms, new Date());

    // Assert
    expect(findings.map((f) => [f.resource, f.rule, f.status])).toEqual([
      ['arn:shared', 'actions', 'ERROR'],
      ['arn:orders', 'alarm', 'PASS'],
    ]);
    expect(findings[0]?.remediation).toBe(
      'Allow sns:ListSubscriptionsByTopic for the role Preflight runs as.',
    );
  });
});
