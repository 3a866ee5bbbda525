import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../lambdas/core/config/validate';
import { policyValidationPlugins } from '../../lib/policy-validation';
import { PreflightStack } from '../../lib/preflight-stack';

/*
 * Organizations with AWS Control Tower proactive controls refuse templates that break them. The
 * rule set ships with @cdklabs/cdk-validator-cfnguard and runs here, offline, as a CDK policy
 * validation plugin beside cdk-nag: the same plugins `bin/app.ts` runs.
 */

const CONFIG = {
  notifications: { emails: ['oncall@example.com'], phoneNumbers: ['+15555550100'] },
  schedules: { audit: { expression: 'cron(30 5 ? * MON-FRI *)' } },
  gate: {
    preDeploymentBackup: {
      targets: [
        {
          resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders',
          iamRoleArn: 'arn:aws:iam::123456789012:role/b',
        },
      ],
    },
  },
};
const DOC = path.resolve(__dirname, '..', '..', 'docs', 'security-infra.md');

const controlTowerOnly = (app: App) =>
  policyValidationPlugins(app).filter((plugin) => plugin.name === 'cdk-validator-cfnguard');

function preflightApp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PreflightStack(app, 'Preflight', { config: validateConfig(CONFIG) });
  Validations.of(app).addPlugins(...policyValidationPlugins(app));
  return { app, stack };
}

describe('Control Tower proactive controls', () => {
  it('pass on the whole stack, with cdk-nag, every exception acknowledged', () => {
    const { app } = preflightApp();
    expect(() => app.synth()).not.toThrow();
  }, 60_000);

  it.each([
    ['the plugin as published', (_app: App) => [new CfnGuardValidator()]],
    ['the plugin as the app runs it', controlTowerOnly],
  ])(
    'are really checked (%s): a bucket without versioning, logging or KMS stops synthesis',
    (_name, plugins) => {
      const app = new App();
      new s3.Bucket(new Stack(app, 'Throwaway'), 'Naked', { enforceSSL: true });
      Validations.of(app).addPlugins(...plugins(app));
      expect(() => app.synth()).toThrow(/CT\.S3\.PR\.11/);
    },
    60_000,
  );

  it('still stop synthesis on a finding left unacknowledged when another one is acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Throwaway');
    const queue = new sqs.Queue(stack, 'DeadLetters', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    Validations.of(queue).acknowledge({
      id: 'cdk-validator-cfnguard::sqs_dlq_check',
      reason: 'a DLQ itself',
    });
    new s3.Bucket(stack, 'Naked', { enforceSSL: true });
    Validations.of(app).addPlugins(
      ...policyValidationPlugins(app).filter((p) => p.name === 'cdk-validator-cfnguard'),
    );
    expect(() => app.synth()).toThrow(/CT\.S3\.PR\.11/);
  }, 60_000);

  it('run beside cdk-nag in the app: the plugin list holds both', () => {
    const names = policyValidationPlugins(new App()).map((plugin) => plugin.name);
    expect(names).toEqual(expect.arrayContaining(['cdk-validator-cfnguard']));
    expect(names.filter((n) => /AwsSolutions|Serverless/i.test(n))).toHaveLength(2);
  });

  it('each remaining exception is written up in docs/security-infra.md with its rule and reason', () => {
    const { stack } = preflightApp();
    const doc = readFileSync(DOC, 'utf8');
    const acknowledged = new Set(
      stack.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'))
        .flatMap((m) => Object.keys(m.data as object))
        .filter((id) => id.startsWith('cdk-validator-cfnguard::'))
        .map((id) => id.slice('cdk-validator-cfnguard::'.length)),
    );
    expect(acknowledged.size).toBeGreaterThan(0);
    for (const rule of acknowledged) expect(doc).toContain(`\`${rule}\``);
  });
});
