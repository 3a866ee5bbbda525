import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listAlarms } from '../../../lambdas/aws/alarms/cloudwatch';
import { AwsCallError } from '../../../lambdas/core/errors';

const cloudwatch = mockClient(CloudWatchClient);

afterAll(() => {
  cloudwatch.restore();
});
const client = new CloudWatchClient({ region: 'eu-west-1' });
const UPDATED = new Date('2026-02-27T12:00:00Z');
const TRANSITIONED = new Date('2026-02-26T12:00:00Z');

describe('listAlarms', () => {
  beforeEach(() => {
    cloudwatch.reset();
  });

  it('collects metric and composite alarms across pages, asking for both types', async () => {
    // Arrange
    cloudwatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'payments-db-connections',
            AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:payments-db-connections',
            ActionsEnabled: true,
            AlarmActions: ['arn:aws:sns:eu-west-1:111122223333:payments-oncall'],
            StateValue: 'OK',
            StateReason: 'Threshold Crossed',
            StateUpdatedTimestamp: UPDATED,
            StateTransitionedTimestamp: TRANSITIONED,
            TreatMissingData: 'breaching',
            Namespace: 'AWS/RDS',
            MetricName: 'DatabaseConnections',
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'orders-api-5xx-rate',
            AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-rate',
            ActionsEnabled: true,
            StateValue: 'ALARM',
            Metrics: [
              { Id: 'e1', Expression: '100 * m1 / m2' },
              {
                Id: 'm1',
                MetricStat: {
                  Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' },
                  Period: 60,
                  Stat: 'Sum',
                },
              },
              {
                Id: 'm2',
                MetricStat: {
                  Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' },
                  Period: 60,
                  Stat: 'Sum',
                },
              },
            ],
          },
        ],
        CompositeAlarms: [
          {
            AlarmName: 'orders-service-health',
            AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-service-health',
            ActionsEnabled: true,
            AlarmActions: ['arn:aws:sns:eu-west-1:111122223333:ops-alerts'],
            StateValue: 'INSUFFICIENT_DATA',
            AlarmRule: 'ALARM("orders-api-5xx-rate")',
          },
        ],
      });

    // Act
    const alarms = await listAlarms(client);

    // Assert
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsCommand, 2);
    expect(cloudwatch).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 1, {
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
    });
    expect(cloudwatch).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 2, { NextToken: 'page-2' });
    expect(alarms).toEqual([
      {
        kind: 'metric',
        name: 'payments-db-connections',
        arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:payments-db-connections',
        actionsEnabled: true,
        alarmActions: ['arn:aws:sns:eu-west-1:111122223333:payments-oncall'],
        state: 'OK',
        stateReason: 'Threshold Crossed',
        stateUpdatedAt: UPDATED,
        stateTransitionedAt: TRANSITIONED,
        treatMissingData: 'breaching',
        metrics: [{ namespace: 'AWS/RDS', metricName: 'DatabaseConnections' }],
      },
      {
        kind: 'metric',
        name: 'orders-api-5xx-rate',
        arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-rate',
        actionsEnabled: true,
        alarmActions: [],
        state: 'ALARM',
        metrics: [
          { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' },
          { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount' },
        ],
      },
      {
        kind: 'composite',
        name: 'orders-service-health',
        arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-service-health',
        actionsEnabled: true,
        alarmActions: ['arn:aws:sns:eu-west-1:111122223333:ops-alerts'],
        state: 'INSUFFICIENT_DATA',
        rule: 'ALARM("orders-api-5xx-rate")',
      },
    ]);
  });

  it('reads an unreported ActionsEnabled as disabled and an unknown state as no state', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      // A state value this SDK does not know, as a newer API might send.
      MetricAlarms: [{ AlarmName: 'odd', StateValue: 'WEIRD' as StateValue }],
    });

    const [alarm] = await listAlarms(client);

    expect(alarm).toMatchObject({ name: 'odd', arn: 'odd', actionsEnabled: false, state: undefined });
  });

  it('turns AccessDenied into an AwsCallError naming cloudwatch:DescribeAlarms', async () => {
    cloudwatch
      .on(DescribeAlarmsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));

    const failure = listAlarms(client);

    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      action: 'cloudwatch:DescribeAlarms',
      kind: 'access-denied',
    });
  });
});
