import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';
import { auditEvents } from '../../lambdas/core/events/audit-events';
import { DETAIL_TYPES, EVERY_DETAIL_TYPE, REVIEW_DETAIL_TYPE } from '../../lambdas/core/events/model';
import { reviewEvent } from '../../lambdas/core/events/review-event';
import { escalationEvents, watchEvents } from '../../lambdas/core/events/watch-events';
import { buildReport } from '../../lambdas/core/report/build';
import { buildQuarterlyReview } from '../../lambdas/core/review/review';
import { Preflight } from '../../lib/preflight';
import { PreflightStack } from '../../lib/preflight-stack';
import { TEST_ACCOUNT, TEST_REGION } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import { expectNoRuleTargetsAnActor } from '../support/bus-rules';
import { applyInputTransformer, type InputTransformer } from '../support/input-transformer';
import {
  type CfnResource,
  ofType,
  resolved,
  resources,
  roleStatements,
  type Statement,
  statementsIn,
} from '../support/template-policies';

/*
 * integrations.chatbot in the template: rules on the default bus that take Preflight's own events,
 * turn them into custom notifications AWS Chatbot renders, and publish them to an encrypted topic
 * only those rules may publish to, which Slack and Teams channel configurations subscribe to with a
 * role that has no permissions and a guardrail that denies everything; cdk-nag clean.
 */

const SLACK = { workspaceId: 'T0123456789', channelId: 'C0123456789' };
const TEAMS = {
  teamId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  tenantId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  channelId: '19%3a0123456789abcdef0123456789abcdef%40thread.tacv2',
};
const CONFIG = {
  notifications: { emails: ['oncall@example.com'] },
  integrations: { chatbot: { slack: [SLACK], teams: [TEAMS] } },
} satisfies PreflightConfigInput;
const SCOPED = {
  environments: { prod: { account: TEST_ACCOUNT, region: TEST_REGION } },
  services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
} satisfies PreflightConfigInput;

const ruleArn = (name: string) => `arn:aws:events:${TEST_REGION}:${TEST_ACCOUNT}:rule/${name}`;

interface RuleTarget {
  Arn: unknown;
  InputTransformer: InputTransformer;
  DeadLetterConfig?: { Arn: unknown };
}

/** The chat rules: those that publish to the chat topic. */
function chatRules(
  template: Template,
): { name: string; pattern: Record<string, unknown>; target: RuleTarget }[] {
  const [[topicId] = []] = ofType(template, 'AWS::SNS::Topic').filter(
    ([, t]) => t.Properties?.DisplayName === 'Preflight chat messages',
  );
  return ofType(template, 'AWS::Events::Rule')
    .map(([, rule]) => rule)
    .filter((rule) => JSON.stringify(rule.Properties?.Targets ?? []).includes(`"Ref":"${topicId}"`))
    .map((rule) => {
      const [target] = resolved(rule.Properties?.Targets) as RuleTarget[];
      return {
        name: String(rule.Properties?.Name),
        pattern: rule.Properties?.EventPattern as Record<string, unknown>,
        target: target as RuleTarget,
      };
    });
}

/** An event as EventBridge delivers it to a rule's target, from a PutEvents entry Preflight makes. */
function delivered(entry: { DetailType: string; Detail: string }) {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': entry.DetailType,
    source: 'preflight',
    account: TEST_ACCOUNT,
    time: '2026-11-30T12:00:00Z',
    region: TEST_REGION,
    resources: [],
    detail: JSON.parse(entry.Detail),
  };
}

const report = buildReport({
  checklist: SEED_CHECKLIST,
  results: [
    {
      checkId: 'acm-certificates',
      startedAt: '2026-11-30T11:59:00.000Z',
      durationMs: 1,
      findings: [
        {
          checkId: 'acm-certificates',
          rule: 'expiry',
          resource: 'shop',
          status: 'FAIL',
          message: 'expires in 3 days',
          remediation: 'renew',
        },
      ],
    },
  ],
  now: new Date('2026-11-30T12:00:00Z'),
  label: 'orders prod build-7',
  warnBlocks: false,
  target: { service: 'orders', environment: 'prod', regions: [TEST_REGION], implicit: false },
});

// What a person may write reaches `summary` and `reason`: markup and a link, as an attacker would.
const HOSTILE = '<https://evil.example/login|Approve here> @channel **ignore the verdict**';
const watched = {
  service: 'orders',
  environment: 'prod',
  runId: 'build-7',
  deploymentId: 'build-7',
  verdict: 'FAIL' as const,
  subject: HOSTILE,
};
const EVENTS = [
  ...auditEvents({
    mode: 'gate',
    runId: 'build-7',
    report,
    notify: true,
    awaitSignoffs: false,
    subject: HOSTILE,
    reportLocation: { json: 's3://b/runs/build-7/report.json', markdown: 's3://b/runs/build-7/report.md' },
  }),
  ...auditEvents({
    mode: 'scheduled',
    runId: 'daily-1',
    report,
    notify: true,
    awaitSignoffs: false,
    subject: HOSTILE,
    reportLocation: { json: 's3://b/runs/daily-1/report.json', markdown: 's3://b/runs/daily-1/report.md' },
  }),
  ...watchEvents({
    ...watched,
    decision: 'ROLLBACK',
    decidedAt: '2026-11-30T12:10:00.000Z',
    trigger: 'manual-abort',
    reason: HOSTILE,
    abort: 'data-corruption',
    rollback: { action: 'lambda-alias', succeeded: true, detail: HOSTILE },
  }),
  ...escalationEvents({ ...watched, at: '2026-11-30T12:20:00.000Z' }),
  reviewEvent(
    buildQuarterlyReview('2026Q4', [], new Date('2027-01-01T09:00:00Z')),
    { account: TEST_ACCOUNT, region: TEST_REGION },
    {
      json: 's3://b/reviews/2026Q4/review.json',
      markdown: 's3://b/reviews/2026Q4/review.md',
      html: 's3://b/reviews/2026Q4/review.html',
    },
  ),
].map(delivered);

/** Whether an event pattern of the kind these rules use (exact values, one level of `detail`) matches. */
function matches(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, wanted]) =>
    Array.isArray(wanted)
      ? wanted.includes(event[key])
      : matches(wanted as Record<string, unknown>, event[key] as Record<string, unknown>),
  );
}

let template: Template;
let reportBucket: string;
let watchMachineName: string;
beforeAll(() => {
  ({ template } = synthPreflight(CONFIG));
  [[reportBucket = ''] = []] = ofType(template, 'AWS::S3::Bucket').filter(([id]) =>
    id.startsWith('ReportsBucket'),
  );
  [[watchMachineName = ''] = []] = ofType(template, 'AWS::StepFunctions::StateMachine').filter(([id]) =>
    id.startsWith('WatchStateMachine'),
  );
});

describe('integrations.chatbot', () => {
  it("routes Preflight's own events only: its source, from this account, each detail type by exactly one rule", () => {
    const rules = chatRules(template);
    expect(rules.length).toBeGreaterThan(0);
    for (const { pattern } of rules) {
      expect(resolved(pattern)).toMatchObject({
        source: ['preflight'],
        account: [TEST_ACCOUNT],
        detail: { version: ['1'] },
      });
      expect(Object.keys(pattern).sort()).toEqual(['account', 'detail', 'detail-type', 'source']);
      expect(Object.keys(pattern.detail as object)).toEqual(['version']);
    }
    const routed = rules.flatMap(({ pattern }) => pattern['detail-type'] as string[]);
    expect([...routed].sort()).toEqual([...EVERY_DETAIL_TYPE].sort());
    // Every event Preflight puts reaches exactly one rule; another source or account reaches none.
    for (const event of EVENTS) {
      expect(rules.filter(({ pattern }) => matches(resolved(pattern) as never, event))).toHaveLength(1);
      for (const forged of [
        { ...event, source: 'preflight.fake' },
        { ...event, account: '999999999999' },
      ]) {
        expect(rules.filter(({ pattern }) => matches(resolved(pattern) as never, forged))).toHaveLength(0);
      }
    }
  });

  it('turns every event into a custom notification Chatbot renders: service, environment, verdict, counts, a link', () => {
    const rules = chatRules(template);
    const byType = new Map<string, unknown>();
    for (const event of EVENTS) {
      const [rule] = rules.filter(({ pattern }) => matches(resolved(pattern) as never, event));
      const text = applyInputTransformer(rule?.target.InputTransformer as InputTransformer, event);
      const message = JSON.parse(text) as {
        version: string;
        source: string;
        id: string;
        content: { textType: string; title: string; description: string; keywords: string[] };
        metadata: { threadId?: string; summary: string; eventType: string };
      };
      expect(message).toMatchObject({
        version: '1.0',
        source: 'custom',
        id: event.id,
        content: { textType: 'client-markdown' },
        metadata: { eventType: event['detail-type'] },
      });
      expect(message.content.title.length).toBeGreaterThan(0);
      // Nothing a person wrote (summary, reason, abort note, rollback detail) is in the message.
      expect(text).not.toContain('evil.example');
      expect(text).not.toContain('@channel');
      byType.set(event['detail-type'], message);
    }
    const gate = byType.get(DETAIL_TYPES.gateVerdict) as { content: { title: string; description: string } };
    expect(gate.content.title).toBe('Preflight Gate Verdict: FAIL for orders in prod');
    const { counts } = report;
    expect(gate.content.description.split('\n')).toEqual([
      `Findings: ${counts.FAIL} FAIL, ${counts.ERROR} ERROR, ${counts.WARN} WARN, ${counts.MUTED} MUTED, ${counts.PASS} PASS, ${counts.SKIPPED} SKIPPED`,
      'Run: build-7',
      `Report: https://console.aws.amazon.com/s3/object/<${reportBucket}>?region=${TEST_REGION}&prefix=runs/build-7/report.md`,
    ]);
    expect(byType.get(DETAIL_TYPES.gateVerdict)).toMatchObject({
      content: { keywords: ['FAIL', 'orders', 'prod'] },
      metadata: { threadId: 'build-7' },
    });
    const watchLink = `Watch: https://console.aws.amazon.com/states/home?region=${TEST_REGION}#/v2/executions/details/arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT}:execution:<${watchMachineName}.Name>:build-7`;
    expect(byType.get(DETAIL_TYPES.watchDecision)).toMatchObject({
      content: {
        title: 'Preflight Watch Decision: ROLLBACK for orders in prod',
        description: `Verdict: FAIL, decided at 2026-11-30T12:10:00.000Z\nRun: build-7\n${watchLink}`,
      },
    });
    expect(byType.get(DETAIL_TYPES.watchAborted)).toMatchObject({
      content: { title: 'Preflight Watch Aborted: ROLLBACK for orders in prod' },
    });
    expect(byType.get(DETAIL_TYPES.rollback)).toMatchObject({
      content: { title: 'Preflight Rollback of orders in prod: succeeded true' },
    });
    expect(byType.get(DETAIL_TYPES.watchEscalation)).toMatchObject({
      content: { title: 'Preflight Watch Escalation: orders in prod needs a person' },
    });
    expect(byType.get(REVIEW_DETAIL_TYPE)).toMatchObject({
      content: {
        title: 'Preflight Checklist Review: 2026Q4',
        description: expect.stringContaining(`?region=${TEST_REGION}&prefix=reviews/2026Q4/review.html`),
      },
    });
    expect(byType.size).toBe(EVERY_DETAIL_TYPE.length);
  });

  it('publishes to a KMS-encrypted topic that only these rules may publish to, over TLS, with undeliverable messages kept', () => {
    const all = resources(template);
    const [[topicId, topic] = []] = ofType(template, 'AWS::SNS::Topic').filter(
      ([, t]) => t.Properties?.DisplayName === 'Preflight chat messages',
    );
    const keyId = String(resolved(topic?.Properties?.KmsMasterKeyId)).replace(/^<|\.Arn>$/g, '');
    expect(all[keyId]?.Type).toBe('AWS::KMS::Key');
    expect(all[keyId]?.Properties?.EnableKeyRotation).toBe(true);
    const names = chatRules(template).map((r) => r.name);
    const onlyTheseRules = {
      StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT },
      ArnEquals: { 'aws:SourceArn': names.map(ruleArn) },
    };

    const [[, policy] = []] = ofType(template, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
      JSON.stringify(p.Properties?.Topics).includes(String(topicId)),
    );
    const statements = statementsIn(policy).map((s) => resolved(s) as Statement);
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: `<${topicId}>`,
        Condition: onlyTheseRules,
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );

    // No role of the stack is given the topic or its key either.
    for (const [, identityPolicy] of ofType(template, 'AWS::IAM::Policy')) {
      const text = JSON.stringify(identityPolicy.Properties?.PolicyDocument);
      expect(text).not.toContain(String(topicId));
      expect(text).not.toContain(keyId);
    }
    // The key: EventBridge may use it for these rules only; beyond the account's own statement, nothing else.
    const keyStatements = statementsIn(all[keyId], 'KeyPolicy').map((s) => resolved(s) as Statement);
    const serviceStatements = keyStatements.filter(
      (s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('Service'),
    );
    expect(serviceStatements).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: onlyTheseRules,
      }),
    ]);

    // Each rule's target: the topic, retried, with a dead-letter queue EventBridge may write to for these rules.
    for (const { target } of chatRules(template)) {
      expect(target.Arn).toBe(`<${topicId}>`);
      expect(target).not.toHaveProperty('RoleArn');
      const queueId = String(target.DeadLetterConfig?.Arn).replace(/^<|\.Arn>$/g, '');
      expect(all[queueId]?.Type).toBe('AWS::SQS::Queue');
      const [[, queuePolicy] = []] = ofType(template, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
        JSON.stringify(p.Properties?.Queues).includes(queueId),
      );
      expect(
        statementsIn(queuePolicy)
          .map((s) => resolved(s) as Statement)
          .filter((s) => s.Effect === 'Allow'),
      ).toEqual([
        expect.objectContaining({
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': names.map(ruleArn) } },
        }),
      ]);
      const alarms = ofType(template, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
        JSON.stringify(a.Properties?.Dimensions ?? []).includes(queueId),
      );
      expect(alarms).toHaveLength(1);
    }
  });

  it('subscribes Slack and Teams channel configurations with a role that has no permissions and a deny-all guardrail', () => {
    const [[, slack] = []] = ofType(template, 'AWS::Chatbot::SlackChannelConfiguration');
    const [[, teams] = []] = ofType(template, 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration');
    const [[topicId] = []] = ofType(template, 'AWS::SNS::Topic').filter(
      ([, t]) => t.Properties?.DisplayName === 'Preflight chat messages',
    );
    const common = {
      GuardrailPolicies: ['arn:aws:iam::aws:policy/AWSDenyAll'],
      SnsTopicArns: [`<${topicId}>`],
      LoggingLevel: 'ERROR',
      UserRoleRequired: false,
    };
    expect(resolved(slack?.Properties)).toMatchObject({
      ...common,
      ConfigurationName: `preflight-${TEST_REGION}-slack-0`,
      SlackWorkspaceId: SLACK.workspaceId,
      SlackChannelId: SLACK.channelId,
    });
    expect(resolved(teams?.Properties)).toMatchObject({
      ...common,
      ConfigurationName: `preflight-${TEST_REGION}-teams-0`,
      TeamId: TEAMS.teamId,
      TeamsTenantId: TEAMS.tenantId,
      TeamsChannelId: TEAMS.channelId,
    });
    const roles = [slack, teams].map((c) => String(resolved(c?.Properties?.IamRoleArn)));
    expect(new Set(roles).size).toBe(1);
    const roleId = String(roles[0]).replace(/^<|\.Arn>$/g, '');
    const role = resources(template)[roleId] as CfnResource;
    expect(statementsIn(role, 'AssumeRolePolicyDocument')).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' } },
    ]);
    expect(roleStatements(template, roleId)).toEqual([]);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
  });

  it('sends only the chosen events, services, environments and verdicts, to the channels named', () => {
    const { template: scoped } = synthPreflight({
      ...SCOPED,
      integrations: {
        chatbot: {
          slack: [{ ...SLACK, name: 'orders-releases' }],
          detailTypes: [DETAIL_TYPES.gateVerdict, DETAIL_TYPES.rollback, REVIEW_DETAIL_TYPE],
          services: ['orders'],
          environments: ['prod'],
          verdicts: ['FAIL', 'ERROR'],
          loggingLevel: 'INFO',
        },
      },
    });
    const rules = chatRules(scoped);
    const byType = Object.fromEntries(
      rules.flatMap((r) => (r.pattern['detail-type'] as string[]).map((t) => [t, r.pattern.detail])),
    );
    expect(Object.keys(byType).sort()).toEqual(
      [DETAIL_TYPES.gateVerdict, DETAIL_TYPES.rollback, REVIEW_DETAIL_TYPE].sort(),
    );
    const filtered = {
      version: ['1'],
      service: ['orders'],
      environment: ['prod'],
      verdict: ['FAIL', 'ERROR'],
    };
    expect(byType[DETAIL_TYPES.gateVerdict]).toEqual(filtered);
    expect(byType[DETAIL_TYPES.rollback]).toEqual(filtered);
    // The review is about every service and has no verdict: a filter on them would drop it always.
    expect(byType[REVIEW_DETAIL_TYPE]).toEqual({ version: ['1'] });
    expect(ofType(scoped, 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration')).toEqual([]);
    const [[, slack] = []] = ofType(scoped, 'AWS::Chatbot::SlackChannelConfiguration');
    expect(slack?.Properties).toMatchObject({ ConfigurationName: 'orders-releases', LoggingLevel: 'INFO' });
    // The rules' names in the policies follow the rules that exist.
    const [[, topicPolicy] = []] = ofType(scoped, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
      JSON.stringify(p).includes('events.amazonaws.com'),
    );
    const allow = statementsIn(topicPolicy)
      .map((s) => resolved(s) as Statement)
      .find((s) => s.Effect === 'Allow');
    expect(allow?.Condition?.ArnEquals).toEqual({ 'aws:SourceArn': rules.map((r) => ruleArn(r.name)) });
  });

  it('creates nothing of it when not configured', () => {
    const plain = synthPreflight({ notifications: { emails: ['oncall@example.com'] } }).template;
    expect(ofType(plain, 'AWS::Chatbot::SlackChannelConfiguration')).toEqual([]);
    expect(ofType(plain, 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration')).toEqual([]);
    expect(chatRules(plain)).toEqual([]);
    const text = JSON.stringify(plain.toJSON());
    for (const mark of [
      'Preflight chat messages',
      'preflight-chat-',
      'chatbot.amazonaws.com',
      'AWSDenyAll',
    ]) {
      expect(text).not.toContain(mark);
    }
    // Exactly the chat resources are added by the configuration, nothing else changes.
    const types = (t: Template) =>
      Object.values(resources(t))
        .map((r) => r.Type)
        .sort();
    const added = [...types(template)];
    for (const type of types(plain)) added.splice(added.indexOf(type), 1);
    expect(added.sort()).toEqual(
      [
        'AWS::Chatbot::MicrosoftTeamsChannelConfiguration',
        'AWS::Chatbot::SlackChannelConfiguration',
        'AWS::CloudWatch::Alarm',
        ...Array(5).fill('AWS::Events::Rule'),
        'AWS::IAM::Role',
        'AWS::KMS::Key',
        'AWS::SNS::Topic',
        'AWS::SNS::TopicPolicy',
        'AWS::SQS::Queue',
        'AWS::SQS::QueuePolicy',
      ].sort(),
    );
  });

  it('refuses, naming each key, ids not of their documented formats, no channel, unknown keys and filters that match nothing', () => {
    const problems = (chatbot: unknown, base: PreflightConfigInput = {}) => {
      try {
        validateConfig({ ...base, integrations: { chatbot } } as PreflightConfigInput);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.expected}`);
        throw error;
      }
      return [];
    };
    expect(
      problems({
        slack: [{ workspaceId: 'my-workspace', channelId: '#releases', name: 'releases!' }],
        teams: [{ teamId: 'team', tenantId: '1234', channelId: '19:abc@thread.tacv2' }],
        verdicts: ['WARN'],
        detailTypes: ['Preflight Everything'],
        loggingLevel: 'DEBUG',
        channel: 'C0123456789',
      }),
    ).toEqual([
      expect.stringMatching(
        /^integrations\.chatbot\.slack\.\[0\]\.name: expected a channel configuration name/,
      ),
      expect.stringMatching(
        /^integrations\.chatbot\.slack\.\[0\]\.workspaceId: expected a Slack workspace id/,
      ),
      expect.stringMatching(/^integrations\.chatbot\.slack\.\[0\]\.channelId: expected a Slack channel id/),
      expect.stringMatching(
        /^integrations\.chatbot\.teams\.\[0\]\.teamId: expected the Microsoft Teams team id as a GUID/,
      ),
      expect.stringMatching(
        /^integrations\.chatbot\.teams\.\[0\]\.tenantId: expected the Microsoft Entra tenant id as a GUID/,
      ),
      expect.stringMatching(
        /^integrations\.chatbot\.teams\.\[0\]\.channelId: expected a Teams channel id URL-encoded/,
      ),
      expect.stringMatching(/^integrations\.chatbot\.detailTypes\.\[0\]: /),
      expect.stringMatching(/^integrations\.chatbot\.verdicts\.\[0\]: /),
      expect.stringMatching(/^integrations\.chatbot\.loggingLevel: /),
      expect.stringMatching(/^integrations\.chatbot\.channel: /),
    ]);
    expect(problems({})).toEqual(['integrations.chatbot: expected at least one channel: slack or teams']);
    expect(problems({ slack: [{}], teams: [{ teamId: 5 }] })).toEqual([
      'integrations.chatbot.slack.[0].workspaceId: expected the Slack workspace id such as T0123456789 (the Chatbot console shows it)',
      "integrations.chatbot.slack.[0].channelId: expected the Slack channel id such as C0123456789 (the channel's details show it)",
      'integrations.chatbot.teams.[0].teamId: expected the Microsoft Teams team id, a GUID (copy it from the Chatbot console)',
      'integrations.chatbot.teams.[0].tenantId: expected the Microsoft Entra tenant id, a GUID (copy it from the Chatbot console)',
      "integrations.chatbot.teams.[0].channelId: expected the Teams channel id, URL-encoded as in the channel's link (19%3a...%40thread.tacv2)",
    ]);
    expect(problems('yes')).toEqual([
      'integrations.chatbot: expected { "slack": [...], "teams": [...] } (see docs/events.md)',
    ]);
    expect(problems({ slack: [{ ...SLACK, name: 'same' }], teams: [{ ...TEAMS, name: 'same' }] })).toEqual([
      'integrations.chatbot.teams.[0].name: expected a name used once: channel configuration names are unique in the account',
    ]);
    expect(problems({ slack: [SLACK], services: ['order'], environments: ['production'] }, SCOPED)).toEqual([
      'integrations.chatbot.services.[0]: expected a service of the configuration: orders, account',
      'integrations.chatbot.environments.[0]: expected an environment of the configuration: prod, default',
    ]);
    expect(problems({ slack: [SLACK], services: ['orders'], environments: ['prod'] }, SCOPED)).toEqual([]);
  });

  it('stops synthesis of the construct with every problem listed', () => {
    const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
    expect(
      () =>
        new Preflight(stack, 'Preflight', {
          config: {
            integrations: { chatbot: { slack: [{ workspaceId: 't01', channelId: 'C01' }], teams: [] } },
          },
        }),
    ).toThrow(/integrations\.chatbot\.slack\.\[0\]\.workspaceId: got "t01"; expected a Slack workspace id/);
  });

  it('is cdk-nag clean (AwsSolutions and Serverless packs)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new PreflightStack(app, 'Preflight', { config: validateConfig(CONFIG) });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});

describe("docs/events.md's chat message", () => {
  it("is what the gate's rule makes of the page's example event", () => {
    const page = readFileSync(path.join(__dirname, '..', '..', 'docs', 'events.md'), 'utf8');
    const [, example = '{}'] = /For example, a gate that failed:\n\n```json\n([\s\S]*?)```/.exec(page) ?? [];
    const [, shown = ''] = /A gate verdict reads:\n\n```\n([\s\S]*?)```/.exec(page) ?? [];
    // Delivered to the test stack's rules: its account, whatever account the page's example names.
    const event = { id: 'e1', resources: [], ...JSON.parse(example), account: TEST_ACCOUNT };
    const [rule] = chatRules(template).filter(({ pattern }) => matches(resolved(pattern) as never, event));
    const message = JSON.parse(
      applyInputTransformer(rule?.target.InputTransformer as InputTransformer, event),
    );
    // The page shows a stack in eu-west-1 and names the bucket in words.
    const rendered = `${message.content.title}\n${message.content.description}\n`
      .replaceAll(`region=${TEST_REGION}`, 'region=eu-west-1')
      .replace(`<${reportBucket}>`, '<report bucket>');
    expect(shown).toBe(rendered);
  });
});

describe('the chat rules on the default bus', () => {
  // Anyone in the account allowed events:PutEvents may put `source: preflight` (docs/events.md):
  // such an event may reach a chat channel, but nothing of Preflight acts on an event.
  it('target no state machine and no function: a forged event starts or stops nothing', () => {
    expectNoRuleTargetsAnActor(template);
  });
});
