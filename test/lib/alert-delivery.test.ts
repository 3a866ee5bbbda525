import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT, TEST_REGION } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import {
  actionsOf,
  type CfnResource,
  ofType,
  property,
  resolved,
  resources,
  type Statement,
  servicePrincipals,
  statementsIn,
} from '../support/template-policies';

/*
 * Every self-alarm must be able to reach someone: CloudWatch publishes as its service principal,
 * so the topic's resource policy must let it publish and the topic's key policy must let it use the
 * key, each limited to alarms of this account and region.
 */

const CONFIG = {
  notifications: { emails: ['oncall@example.com'], phoneNumbers: ['+15555550100'] },
  schedules: { audit: { expression: 'cron(30 5 ? * MON-FRI *)' } },
};
const ALARMS_OF_THIS_STACK = `arn:aws:cloudwatch:${TEST_REGION}:${TEST_ACCOUNT}:alarm:*`;

/** The statement comes from CloudWatch alarms of this account and region only. */
function limitedToThisStacksAlarms(statement: Statement): boolean {
  const condition = resolved(statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
  return (
    condition.StringEquals?.['aws:SourceAccount'] === TEST_ACCOUNT &&
    condition.ArnLike?.['aws:SourceArn'] === ALARMS_OF_THIS_STACK
  );
}

const fromCloudWatch = (s: Statement) =>
  s.Effect === 'Allow' && servicePrincipals(s).includes('cloudwatch.amazonaws.com');

function topicPolicyStatements(template: Template, topicId: string): Statement[] {
  return ofType(template, 'AWS::SNS::TopicPolicy')
    .filter(([, p]) => property<{ Ref: string }[]>(p, 'Topics').some((t) => t.Ref === topicId))
    .flatMap(([, p]) => statementsIn(p));
}

function keyOfTopic(template: Template, topic: CfnResource): CfnResource {
  const keyRef = topic.Properties?.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] } | undefined;
  const key = keyRef && resources(template)[keyRef['Fn::GetAtt'][0]];
  if (key?.Type !== 'AWS::KMS::Key')
    throw new Error('the alarm topic is not encrypted with a key of the stack');
  return key;
}

/** Why `alarm` could not reach anyone, or nothing when every hop lets it through. */
function deliveryGaps(template: Template, alarm: CfnResource): string[] {
  const actions = (alarm.Properties?.AlarmActions as { Ref: string }[] | undefined) ?? [];
  if (actions.length === 0) return ['no alarm action'];
  return actions.flatMap(({ Ref: topicId }) => {
    const topic = resources(template)[topicId];
    if (topic?.Type !== 'AWS::SNS::Topic') return [`action ${topicId} is not a topic of the stack`];
    const gaps: string[] = [];
    const publish = topicPolicyStatements(template, topicId).filter(
      (s) =>
        fromCloudWatch(s) &&
        actionsOf(s).includes('sns:Publish') &&
        [s.Resource].flat().some((r) => (r as { Ref?: string }).Ref === topicId),
    );
    if (!publish.some(limitedToThisStacksAlarms))
      gaps.push('the topic policy does not let this stack’s alarms publish');
    const keyStatements = statementsIn(keyOfTopic(template, topic), 'KeyPolicy');
    const useKey = keyStatements.filter(
      (s) =>
        fromCloudWatch(s) &&
        actionsOf(s).includes('kms:GenerateDataKey*') &&
        actionsOf(s).includes('kms:Decrypt') &&
        limitedToThisStacksAlarms(s),
    );
    if (useKey.length === 0) gaps.push('the key policy does not let this stack’s alarms use the key');
    return gaps;
  });
}

describe('alerts from alarms', () => {
  let template: Template;
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
  });

  it('reach the topic: every alarm’s action is a topic whose policy and key let this stack’s alarms publish', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(10);
    const gaps = alarms.flatMap(([id, alarm]) => deliveryGaps(template, alarm).map((gap) => `${id}: ${gap}`));
    expect(gaps).toEqual([]);
  });

  it('give CloudWatch nothing beyond publishing, and nothing on behalf of another account', () => {
    const [[, topic] = []] = ofType(template, 'AWS::SNS::Topic');
    const key = keyOfTopic(template, topic as CfnResource);
    const cloudwatch = statementsIn(key, 'KeyPolicy').filter(fromCloudWatch);
    expect(cloudwatch.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    for (const statement of cloudwatch) expect(limitedToThisStacksAlarms(statement)).toBe(true);
    const publishers = ofType(template, 'AWS::SNS::TopicPolicy')
      .flatMap(([, p]) => statementsIn(p))
      .filter((s) => s.Effect === 'Allow');
    for (const statement of publishers) {
      expect(actionsOf(statement)).toEqual(['sns:Publish']);
      expect(limitedToThisStacksAlarms(statement)).toBe(true);
    }
  });
});

describe('undelivered alerts are themselves alarmed', () => {
  let template: Template;
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
  });

  const alarms = () =>
    ofType(template, 'AWS::CloudWatch::Alarm').map(
      ([, a]) => resolved(a.Properties) as Record<string, unknown>,
    );

  it('alarms when any dead-letter queue holds a message', () => {
    const queues = ofType(template, 'AWS::SQS::Queue').map(([id]) => id);
    expect(queues.length).toBeGreaterThanOrEqual(4);
    for (const queue of queues) {
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: `<${queue}.QueueName>` }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
    }
  });

  it('alarms when the alert topic fails to deliver a notification, or to set it aside', () => {
    const [[topicId] = []] = ofType(template, 'AWS::SNS::Topic');
    for (const metric of ['NumberOfNotificationsFailed', 'NumberOfNotificationsFailedToRedriveToDlq']) {
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/SNS',
          MetricName: metric,
          Dimensions: [{ Name: 'TopicName', Value: `<${topicId}.TopicName>` }],
          Statistic: 'Sum',
          Threshold: 1,
        }),
      );
    }
  });

  it('alarms when a workflow could not publish its notification', () => {
    for (const workflow of ['audit', 'watch']) {
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          Namespace: 'Preflight',
          MetricName: 'NotificationsFailed',
          Dimensions: [{ Name: 'Workflow', Value: workflow }],
          Statistic: 'Sum',
          Threshold: 1,
        }),
      );
    }
  });
});
