import { describe, expect, it } from 'vitest';
import { alarmsFiredOn, isSnsTopicArn, topicName } from '../../../../lambdas/core/checks/alarms/targets';

describe('isSnsTopicArn', () => {
  it.each([
    ['arn:aws:sns:eu-west-1:111122223333:ops-alerts', true],
    ['arn:aws:sns:eu-west-1:111122223333:orders.fifo', true],
    ['arn:aws-us-gov:sns:us-gov-west-1:111122223333:ops', true],
    [
      'arn:aws:autoscaling:eu-west-1:111122223333:scalingPolicy:abc:autoScalingGroupName/web:policyName/up',
      false,
    ],
    ['arn:aws:lambda:eu-west-1:111122223333:function:remediate', false],
    ['arn:aws:automate:eu-west-1:ec2:recover', false],
    ['arn:aws:ssm:eu-west-1:111122223333:opsitem:2#CATEGORY=Availability', false],
  ])('classifies %s as SNS: %s', (action, expected) => {
    expect(isSnsTopicArn(action)).toBe(expected);
  });
});

describe('topicName', () => {
  it('is the last segment of the ARN', () => {
    expect(topicName('arn:aws:sns:eu-west-1:111122223333:ops-alerts')).toBe('ops-alerts');
  });
});

describe('alarmsFiredOn', () => {
  it.each([
    ['ALARM("a") OR ALARM("b")', ['a', 'b']],
    ['ALARM(a) AND NOT OK(b)', ['a']],
    ['ALARM("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:db:cpu")', ['db:cpu']],
    ['AT_LEAST(2, ALARM, ("x", "y", "z"))', ['x', 'y', 'z']],
    ['INSUFFICIENT_DATA("c") OR TRUE', []],
  ])('reads %s as firing on %j', (rule, expected) => {
    expect(alarmsFiredOn(rule)).toEqual(expected);
  });
});
