import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import {
  actionsOf,
  ofType,
  resolved,
  resources,
  type Statement,
  servicePrincipals,
  statementsIn,
} from '../support/template-policies';

/*
 * An AWS service that a resource policy lets in acts for whoever configured it: without a condition
 * naming this account (or one of this stack's resources), another account's alarm, log group or
 * bucket could have the service use Preflight's keys, topic, queues or buckets (the confused deputy).
 */

const CONFIG = {
  notifications: { emails: ['oncall@example.com'] },
  schedules: { audit: { expression: 'cron(30 5 ? * MON-FRI *)' } },
};

/** The resource policies of the stack, by the property that holds each. */
const POLICY_HOLDERS: ReadonlyArray<[type: string, property: string]> = [
  ['AWS::KMS::Key', 'KeyPolicy'],
  ['AWS::SNS::TopicPolicy', 'PolicyDocument'],
  ['AWS::SQS::QueuePolicy', 'PolicyDocument'],
  ['AWS::S3::BucketPolicy', 'PolicyDocument'],
];

function conditionValues(statement: Statement): string[] {
  const condition = resolved(statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
  return Object.values(condition)
    .flatMap((byKey) => Object.values(byKey))
    .flat()
    .map(String);
}

/** Whether a condition ties the service to this account: its id, an ARN in it, or a resource of the stack. */
function scopedToThisStack(statement: Statement, template: Template): boolean {
  const ids = new Set(Object.keys(resources(template)));
  return conditionValues(statement).some(
    (value) =>
      value === TEST_ACCOUNT ||
      value.includes(`:${TEST_ACCOUNT}:`) ||
      ids.has(/^<([A-Za-z0-9]+)(\.|>)/.exec(value)?.[1] ?? ''),
  );
}

describe('AWS services acting for the stack', () => {
  let template: Template;
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
  });

  it('act only for this account: every resource policy that lets a service in names this account or a resource of the stack', () => {
    const serviceGrants = POLICY_HOLDERS.flatMap(([type, property]) =>
      ofType(template, type).flatMap(([id, resource]) =>
        statementsIn(resource, property)
          .filter((s) => s.Effect === 'Allow' && servicePrincipals(s).length > 0)
          .map((statement) => ({ id, statement })),
      ),
    );
    // CloudWatch on the alert key and topic, SNS on its dead-letter queue, S3 logging, CloudWatch Logs.
    expect(serviceGrants.length).toBeGreaterThanOrEqual(5);
    const unscoped = serviceGrants
      .filter(({ statement }) => !scopedToThisStack(statement, template))
      .map(({ id, statement }) => `${id}: ${servicePrincipals(statement).join(', ')}`);
    expect(unscoped).toEqual([]);
  });

  it('let CloudWatch Logs use the logs key only for log groups of this account and region', () => {
    const [[, key] = []] = ofType(template, 'AWS::KMS::Key').filter(([id]) => id.startsWith('LogsKey'));
    const logs = statementsIn(key, 'KeyPolicy').filter((s) =>
      servicePrincipals(s).some((p) => /^logs\..+\.amazonaws\.com$/.test(p)),
    );
    expect(logs).toHaveLength(1);
    expect(resolved(logs[0]?.Condition)).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:*`,
      },
    });
  });

  it('may create a grant on no key of the stack, except an AWS service for an AWS resource', () => {
    const keys = ofType(template, 'AWS::KMS::Key');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const [id, key] of keys) {
      const denies = statementsIn(key, 'KeyPolicy').filter(
        (s) => s.Effect === 'Deny' && actionsOf(s).includes('kms:CreateGrant'),
      );
      expect(
        denies.map((s) => ({ principal: s.Principal, condition: s.Condition })),
        id,
      ).toContainEqual({
        principal: { AWS: '*' },
        condition: {
          BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
        },
      });
    }
  });
});
