import { App, type CfnResource, type Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../lambdas/core/config/validate';
import { PreflightStack } from '../../lib/preflight-stack';
import { TEST_ACCOUNT, TEST_REGION } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import { actionsOf, ofType, resolved, roleStatements } from '../support/template-policies';

/*
 * integrations.securityHub in the template: one small function, allowed BatchImportFindings on the
 * account's default product only (and its own objects in the report bucket), in the audit and the
 * fan-out machines, alarmed when an import fails; absent unless enabled; cdk-nag clean.
 */

const CONFIG = {
  notifications: { emails: ['oncall@example.com'] },
  integrations: { securityHub: { enabled: true, docsUrl: 'https://docs.example.com/preflight/docs' } },
};

const idOf = (stack: Stack, construct: { node: { defaultChild?: unknown } } | CfnResource) =>
  stack.getLogicalId((('node' in construct && construct.node.defaultChild) || construct) as CfnResource);

let template: Template;
let stack: PreflightStack;
beforeAll(() => {
  ({ template, stack } = synthPreflight(CONFIG));
});

describe('integrations.securityHub', () => {
  it('lets the import function call BatchImportFindings on the default product of its own account and region, and nothing else of Security Hub', () => {
    const fn = stack.preflight.audit.securityHub?.function;
    expect(fn).toBeDefined();
    const roleId = idOf(stack, fn?.role as never);
    const statements = roleStatements(template, roleId).filter((s) => s.Effect === 'Allow');
    const securityHub = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('securityhub:')));
    expect(securityHub).toHaveLength(1);
    expect(securityHub.flatMap(actionsOf)).toEqual(['securityhub:BatchImportFindings']);
    expect([securityHub[0]?.Resource].flat().map(resolved)).toEqual([
      `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT}:product/${TEST_ACCOUNT}/default`,
    ]);
    // No other role of the stack may import findings.
    for (const [id] of ofType(template, 'AWS::IAM::Role')) {
      if (id === roleId) continue;
      const actions = roleStatements(template, id).flatMap(actionsOf);
      expect(
        actions.filter((a) => a.startsWith('securityhub:')),
        id,
      ).toEqual([]);
    }
    // Reports it reads; its memory it reads and writes; nothing else of the bucket.
    const objects = statements
      .filter((s) => actionsOf(s).some((a) => a === 's3:GetObject' || a === 's3:PutObject'))
      .map((s) => ({ actions: actionsOf(s).sort(), resources: [s.Resource].flat().map(resolved) }));
    const bucket = `<${idOf(stack, stack.preflight.reports.bucket as never)}.Arn>`;
    expect(objects).toEqual(
      expect.arrayContaining([
        { actions: ['s3:GetObject'], resources: [`${bucket}/runs/*/report.json`] },
        { actions: ['s3:GetObject', 's3:PutObject'], resources: [`${bucket}/security-hub/*`] },
      ]),
    );
    expect(objects).toHaveLength(2);
  });

  it('runs in the audit machine and in each fan-out child, and is alarmed per workflow when an import fails', () => {
    const machines = ofType(template, 'AWS::StepFunctions::StateMachine').map(([, r]) =>
      JSON.stringify(resolved(r.Properties?.DefinitionString)),
    );
    expect(machines.filter((d) => d.includes('\\"Import findings\\"'))).toHaveLength(1);
    expect(machines.filter((d) => d.includes('\\"Import account findings\\"'))).toHaveLength(1);
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').filter(
      ([, r]) => r.Properties?.MetricName === 'FindingsImportFailed',
    );
    expect(alarms.map(([, r]) => r.Properties?.Dimensions)).toEqual([
      [{ Name: 'Workflow', Value: 'audit' }],
      [{ Name: 'Workflow', Value: 'fanout' }],
    ]);
  });

  it('is absent unless enabled: no function, no permission, no step', () => {
    const plain = synthPreflight({ notifications: { emails: ['oncall@example.com'] } });
    expect(plain.stack.preflight.audit.securityHub).toBeUndefined();
    const json = JSON.stringify(plain.template.toJSON());
    expect(json).not.toContain('securityhub:');
    expect(json).not.toContain('Import findings');
  });

  it('refuses unknown keys and a docs link that is not https', () => {
    expect(() => validateConfig({ integrations: { securityHub: { enabled: true, product: 'x' } } })).toThrow(
      /integrations\.securityHub/,
    );
    expect(() =>
      validateConfig({
        integrations: { securityHub: { enabled: true, docsUrl: 'http://docs.example.com' } },
      }),
    ).toThrow(/docsUrl/);
  });

  it('is cdk-nag clean (AwsSolutions and Serverless packs)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new PreflightStack(app, 'Preflight', { config: validateConfig(CONFIG) });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
