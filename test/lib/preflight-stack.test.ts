import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckFamily } from '../../lambdas/core/checks/catalogue';
import { CHECK_FAMILIES, FAMILY_NAMES } from '../../lambdas/core/checks/registry';
import { validateConfig } from '../../lambdas/core/config/validate';
import { checkFunctionEntry } from '../../lib/audit/check-functions';
import { HANDLER_METADATA_KEY } from '../../lib/preflight-function';
import { PreflightStack } from '../../lib/preflight-stack';
import { bundleStackFunctions } from '../harness/bundles';
import { synthPreflight } from '../harness/synth';

const CONFIG = {
  timezone: 'Europe/London',
  notifications: { emails: ['oncall@example.com', 'sre@example.com'], phoneNumbers: ['+15555550100'] },
  schedules: { audit: { expression: 'cron(30 5 ? * MON-FRI *)' } },
};

function policyStatements(template: Template): { Effect: string; Action: string | string[] }[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement,
  );
}

describe('PreflightStack', () => {
  let template: Template;
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
  });

  describe('alert topic', () => {
    it('is encrypted with a rotated customer-managed key and refuses plain transport', () => {
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }),
      });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('subscribes every configured email and phone number, with a dead-letter queue', () => {
      const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map(
        (s) =>
          (s as { Properties: { Protocol: string; Endpoint: string; RedrivePolicy?: unknown } }).Properties,
      );
      expect(subscriptions.map((s) => `${s.Protocol}:${s.Endpoint}`).sort()).toEqual([
        'email:oncall@example.com',
        'email:sre@example.com',
        'sms:+15555550100',
      ]);
      for (const s of subscriptions) expect(s.RedrivePolicy).toBeDefined();
    });
  });

  describe('report bucket', () => {
    it('is private, encrypted, TLS only, access logged, and expires reports after the retention', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: Match.objectLike({}),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'reports/' }),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 400, Status: 'Enabled' })]),
        },
      });
    });

    it('lets each function touch only its own prefix', () => {
      const resources = JSON.stringify(
        policyStatements(template).filter((s) => [s.Action].flat().includes('s3:PutObject')),
      );
      expect(resources).toContain('/runs/*');
      expect(resources).toContain('/signoffs/*');
      expect(resources).not.toMatch(/"s3:\*"|s3:DeleteObject/);
    });
  });

  describe('notifications', () => {
    it('sends SMS only for the configured verdicts, while alarms and sign-off requests still reach everyone', () => {
      const filtered = synthPreflight({
        notifications: { phoneNumbers: ['+15555550100'], emails: ['a@example.com'], smsVerdicts: ['FAIL'] },
      }).template;
      filtered.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sms',
        FilterPolicy: { verdict: [{ exists: false }, 'FAIL'] },
      });
      filtered.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        FilterPolicy: Match.absent(),
      });
    });
  });

  describe('functions', () => {
    it('all carry the platform defaults', () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      expect(functions.length).toBeGreaterThanOrEqual(3);
      for (const fn of functions) {
        expect(fn).toMatchObject({
          Properties: {
            Runtime: 'nodejs24.x',
            Architectures: ['arm64'],
            TracingConfig: { Mode: 'Active' },
            LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
            Timeout: expect.any(Number),
            MemorySize: expect.any(Number),
          },
        });
      }
      template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
    });

    it('may read metadata but never secret values', () => {
      const statements = policyStatements(template);
      const allowed = statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());
      expect(allowed).toEqual(
        expect.arrayContaining(['secretsmanager:ListSecrets', 'cloudwatch:DescribeAlarms']),
      );
      expect(allowed).not.toContain('secretsmanager:GetSecretValue');
      expect(allowed.filter((a) => a.endsWith(':*') || a === '*')).toEqual([]);
      const denied = statements.filter((s) => s.Effect === 'Deny').flatMap((s) => [s.Action].flat());
      expect(denied).toEqual(
        expect.arrayContaining(['secretsmanager:GetSecretValue', 'ssm:GetParameter', 'kms:Decrypt']),
      );
    });
  });

  describe('audit state machine', () => {
    it('is a Standard workflow with full logging, tracing and a timeout', () => {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
        DefinitionString: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      });
    });

    it('starts the fan-out over every account and region on the configured schedule, in the configured time zone', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(30 5 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'Europe/London',
        State: 'ENABLED',
        Target: Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('FanoutStateMachine') }, Input: '{}' }),
      });
    });

    it('has no schedule when the scheduled audit is turned off', () => {
      const off = synthPreflight({
        schedules: { audit: { enabled: false }, review: { enabled: false } },
      }).template;
      off.resourceCountIs('AWS::Scheduler::Schedule', 0);
    });
  });

  describe('quarterly review', () => {
    it('runs at 09:00 on the first weekday of January, April, July and October, in the configured zone', () => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 9 1W 1,4,7,10 ? *)',
        ScheduleExpressionTimezone: 'Europe/London',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReviewFunction'), 'Arn'] },
        }),
      });
    });
  });

  it('alarms on failed and timed-out executions and on errors of every function, into the alert topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: { MetricName: string; AlarmActions: unknown[] } }).Properties,
    );
    const functions = Object.keys(template.findResources('AWS::Lambda::Function')).length;
    const machines = Object.keys(template.findResources('AWS::StepFunctions::StateMachine')).length;
    const count = (metric: string) => alarms.filter((a) => a.MetricName === metric).length;
    expect(count('Errors')).toBe(functions);
    expect(count('ExecutionsFailed')).toBe(machines);
    expect(count('ExecutionsTimedOut')).toBe(machines);
    // One per state machine, and one for the review function's own event.
    expect(count('EventsFailed')).toBe(machines + 1);
    for (const alarm of alarms)
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlertsTopic/) }]);
  });
});

describe('events on the default bus', () => {
  it('alarms, per workflow, on events a machine (or the review function) could not put (Preflight/EventsFailed)', () => {
    const { template } = synthPreflight(CONFIG);
    for (const workflow of ['audit', 'watch', 'review']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Preflight',
        MetricName: 'EventsFailed',
        Dimensions: [{ Name: 'Workflow', Value: workflow }],
        Statistic: 'Sum',
        Threshold: 1,
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlertsTopic') }],
      });
    }
  });
});

describe('cdk-nag', () => {
  function synthWithNag(extra?: (stack: PreflightStack) => void) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PreflightStack(app, 'Preflight', { config: validateConfig(CONFIG) });
    extra?.(stack);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    return () => app.synth();
  }

  it('finds nothing unacknowledged in the stack (AwsSolutions and Serverless packs)', () => {
    expect(synthWithNag()).not.toThrow();
  });

  it('is really watching: an unencrypted topic stops synthesis', () => {
    expect(synthWithNag((stack) => new sns.Topic(stack, 'Naked'))).toThrow(/AwsSolutions-SNS3/);
  });
});

describe('bundling', () => {
  // The functions bundled in one esbuild build, which the synthesis reuses: the same bytes as each
  // function's own bundling (test/lib/bundling/bundle-cache.test.ts), in a sixth of the time. It
  // may take as long as the bundling test below: esbuild on every function, on a busy machine.
  beforeAll(() => bundleStackFunctions(CONFIG), 300_000);

  it('bundles every function with esbuild, the pinned SDK included, each check family with its own clients only', () => {
    const { app, template: bundled } = synthPreflight(CONFIG, { bundle: true });
    const assembly = app.synth();
    const bundles = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => path.join(assembly.directory, name, 'index.js'))
      .filter((file) => existsSync(file));
    const functions = bundled.findResources('AWS::Lambda::Function');
    expect(bundles).toHaveLength(Object.keys(functions).length);
    const codes = bundles.map((file) => readFileSync(file, 'utf8'));
    for (const code of codes) expect(code.length).toBeGreaterThan(10_000);
    for (const code of codes) expect(code).not.toMatch(/require\(["']@aws-sdk\/client-/);
    // Each family's check function carries its own SDK clients and no other family's.
    const codeOf = (entry: string) => {
      const fn = Object.values(functions).find((f) => f.Metadata?.[HANDLER_METADATA_KEY] === entry);
      const key = String(fn?.Properties?.Code?.S3Key ?? '').replace(/\.zip$/, '');
      return readFileSync(path.join(assembly.directory, `asset.${key}`, 'index.js'), 'utf8');
    };
    // A ceiling, not the goal: every bundle is under 850 KiB (the largest, the follow-ups', measured
    // 800 KiB, with nine SDK clients; the network family's 508 KiB, 1098 before the SDK
    // schemas' trait keys were written as literals at bundling: esbuild keeps every schema whose
    // traits use a computed key, used or not). `npm run bench:lambdas` measures each against the
    // one-client floor and against its own SDK clients alone.
    for (const code of codes) expect(Buffer.byteLength(code)).toBeLessThan(850 * 1024);
    // The EC2 client brings the schemas of the operations the network check sends, not all of EC2's.
    const network = codeOf(checkFunctionEntry('network'));
    expect(network).toContain('"DescribeFlowLogsRequest"');
    expect(network).not.toContain('"RunInstancesRequest"');
    expect(Buffer.byteLength(network)).toBeLessThan(600 * 1024);
    // The SDK's ES module builds name each operation in its schema: "ListSecrets", "ListSecretsRequest"...
    const secrets = codeOf(checkFunctionEntry('secrets'));
    const alarms = codeOf(checkFunctionEntry('alarms'));
    expect(secrets).toContain('"ListSecretsRequest"');
    expect(secrets).not.toContain('"DescribeAlarmsInput"');
    expect(alarms).toContain('"DescribeAlarmsInput"');
    expect(alarms).not.toContain('"ListSecretsRequest"');
    expect(alarms).not.toContain('"DescribeDBInstancesMessage"');
    // Each family's check function carries its own family's definitions and rules, no other family's.
    const titles = (family: string) =>
      Object.values(CHECK_FAMILIES[family as keyof typeof CHECK_FAMILIES]).map((check) => check.title);
    for (const family of FAMILY_NAMES) {
      const code = codeOf(checkFunctionEntry(family));
      // Nor the configuration's validator: zod's classic API ("ZodString"); zod/mini reads the environment.
      expect(code, `${family} carries zod's classic API`).not.toContain('"ZodString"');
      for (const title of titles(family)) expect(code, `${family} lacks "${title}"`).toContain(title);
      for (const other of FAMILY_NAMES.filter((name) => name !== family)) {
        for (const title of titles(other)) expect(code, `${family} carries "${title}"`).not.toContain(title);
      }
    }
    // The watch's act function checks names with zod/mini: no classic zod.
    expect(codeOf('lambdas/handlers/watch/act.ts')).not.toContain('"ZodString"');
    // The follow-ups re-run the alarm and backup checks only: their clients, no other family's.
    const followups = codeOf('lambdas/handlers/followups/run.ts');
    expect(followups).toContain('"DescribeAlarmsInput"');
    expect(followups).toContain('"DescribeDBInstancesMessage"');
    expect(followups).not.toContain('"ListSecretsRequest"');
    // ...and their two families' rules, no other family's.
    for (const other of FAMILY_NAMES.filter((name) => name !== 'alarms' && name !== 'backups')) {
      for (const title of titles(other))
        expect(followups, `follow-ups carry "${title}"`).not.toContain(title);
    }
    // zod's core and English messages only (imported as a namespace), none of its other locales.
    for (const code of codes) expect(code).not.toContain('Ungültige Eingabe');
    // The source maps hold the mappings, not the sources' text.
    for (const file of bundles) {
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sourcesContent?: unknown };
      expect(map.sourcesContent).toBeUndefined();
    }
    // What plans, selects and reports checks (validate-input, build-report, list-targets, start...)
    // reads the catalogue and bundles no family's run code: a finding's text of each family, found in
    // that family's own function, is in no function but the check functions and the follow-ups.
    const runCode = {
      alarms: 'CloudWatch reported no state for the alarm',
      backups: 'No restorable point at all',
      cors: 'List the HTTPS origins that may call the bucket',
      deploys: 'Switch the deployment group to blue/green',
      images: 'Plan the package updates listed in the evidence',
      'load-balancing': 'Wait for registration or draining to finish',
      network: 'Turn on VPC flow logs of all traffic',
      observability: 'Set a retention period (aws logs put-retention-policy',
      'rate-limiting': 'Associate a WAF web ACL with a rate-based rule',
      scaling: 'Resume the suspended scaling once the reason',
      secrets: 'IAM listed the key without a creation date',
      storage: 'Free space or grow the volume',
      tls: 'The chain leads to a trusted root',
      tracing: 'Turn tracing on (aws stepfunctions update-state-machine',
      workloads: 'Request an increase (aws service-quotas request-service-quota',
    } satisfies Record<CheckFamily, string>;
    const planners = Object.values(functions)
      .map((fn) => String(fn.Metadata?.[HANDLER_METADATA_KEY]))
      .filter((entry) => !entry.startsWith('lambdas/handlers/audit/checks/'))
      .filter((entry) => entry !== 'lambdas/handlers/followups/run.ts');
    expect(planners).toEqual(
      expect.arrayContaining(
        ['audit/validate-input', 'audit/build-report', 'fanout/list-targets', 'watch/start'].map(
          (name) => `lambdas/handlers/${name}.ts`,
        ),
      ),
    );
    for (const [family, text] of Object.entries(runCode)) {
      expect(codeOf(checkFunctionEntry(family as CheckFamily)), `${family} lacks "${text}"`).toContain(text);
      for (const planner of planners) {
        expect(codeOf(planner), `${planner} carries ${family}'s run code`).not.toContain(text);
      }
    }
    // One bundle per check family, each with its own clients: the time grows with the families.
    // No function carries zod's classic API ("ZodType" names the base class of every classic schema and
    // nothing in zod/mini or zod's core; "ZodString", its string schema's): the configuration, the
    // state machine input and the control requests are zod/mini schemas...
    for (const [id, fn] of Object.entries(functions)) {
      const key = String(fn.Properties?.Code?.S3Key ?? '').replace(/\.zip$/, '');
      const code = readFileSync(path.join(assembly.directory, `asset.${key}`, 'index.js'), 'utf8');
      const name = String(fn.Metadata?.[HANDLER_METADATA_KEY] ?? id);
      expect(code, `${name} carries zod's classic API`).not.toMatch(/"Zod(Type|String)"/);
    }
    // ...with zod's English messages, where a schema says nothing of its own (a key of the wrong type).
    expect(codeOf('lambdas/handlers/audit/validate-input.ts')).toContain('Invalid input: expected ');
    // The SDK's modelled exception classes are each one call of a shared definition (no generated
    // class body is left), and its clients' package.json files are read for the version alone (no
    // description). That took every bundle under 750 KiB: the largest, the follow-ups', measured
    // 707 KiB (800 before), the deploys family's 618 (737), the network family's 474 (508), 501 since it
    // also carries the ELBv2 client that tells an IPv6-only internet-facing load balancer's scheme, and
    // 522 with the ECS client that finds a service's Fargate tasks.
    for (const [i, code] of codes.entries()) {
      expect(code, bundles[i]).not.toMatch(/static shapeId="com\.amazonaws\./);
      expect(code, bundles[i]).not.toContain('Client for Node.js, Browser and React Native');
      expect(Buffer.byteLength(code), bundles[i]).toBeLessThan(750 * 1024);
    }
    expect(Buffer.byteLength(network)).toBeLessThan(540 * 1024);
    // The handlers' zod schema constants are marked pure at bundling: a function carries (and builds
    // when it loads) only the schemas it reads. The fan-out's list step validates its own slice and
    // carries no section of the configuration beside it, within 1.5x the one-client floor (287 KiB;
    // 435 KiB before, 425 after); the watch's start carries no schema of the whole configuration.
    const listTargets = codeOf('lambdas/handlers/fanout/list-targets.ts');
    expect(listTargets).not.toContain('expected "same-account" or { roleArn | roleName, externalId }');
    expect(Buffer.byteLength(listTargets)).toBeLessThan(430 * 1024);
    expect(codeOf('lambdas/handlers/watch/start.ts')).not.toContain('expected a Secrets Manager secret ARN');
  }, 300_000);
});
