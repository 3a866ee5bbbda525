import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';
import { PreflightStack } from '../../lib/preflight-stack';
import { memberRollbackPermissions } from '../../lib/watch/rollback-permissions';

/*
 * What the act function may do, read from the synthesized template: only the configured targets.
 * Resource types follow the Service Authorization Reference: codedeploy:GetDeployment and
 * codedeploy:StopDeployment both authorize on the deployment group (`deploymentgroup*`), so both are
 * granted on the configured groups alone: the role cannot stop another group's deployment.
 */

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** A template value as text: `Fn::Join` joined, `Ref`s as `${Name}`. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Ref' in v) return `\${${String(v.Ref)}}`;
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(text).join(sep);
  }
  return JSON.stringify(value);
}

function synth(watch: Record<string, unknown>) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PreflightStack(app, 'Preflight', {
    config: validateConfig({ watch } as PreflightConfigInput),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  expect(() => app.synth()).not.toThrow();
  return Template.fromStack(stack);
}

/** Every statement of the policies attached to roles whose logical id starts with `role`. */
function statementsOf(template: Template, role: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) =>
      ((p as { Properties: { Roles: { Ref: string }[] } }).Properties.Roles ?? []).some((r) =>
        r.Ref.startsWith(role),
      ),
    )
    .flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
}

/**
 * Whether the statements allow `action` on `resource`, as IAM would match them: actions and
 * resources with `*` and `?` wildcards (the template's `${AWS::…}` placeholders filled in first).
 */
function allows(statements: Statement[], action: string, resource: string): boolean {
  const place = (value: string) =>
    value
      .replace(/\$\{AWS::Partition\}/g, 'aws')
      .replace(/\$\{AWS::Region\}/g, 'us-east-1')
      .replace(/\$\{AWS::AccountId\}/g, '123456789012');
  const glob = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      s.Condition === undefined &&
      [s.Action].flat().some((a) => glob(a).test(action)) &&
      [s.Resource]
        .flat()
        .map(text)
        .some((r) => glob(place(r)).test(resource)),
  );
}

const GROUP = (app: string, name: string, region = 'us-east-1', account = '123456789012') =>
  `arn:aws:codedeploy:${region}:${account}:deploymentgroup:${app}/${name}`;

const resourcesFor = (statements: Statement[], action: string) =>
  statements.filter((s) => [s.Action].flat().includes(action)).flatMap((s) => [s.Resource].flat().map(text));

const ACT_ROLE = 'WatchActOnDecisionRole';

describe('rollback permissions of the act function', () => {
  describe('codedeploy', () => {
    const template = synth({
      rollback: {
        action: 'codedeploy',
        deploymentGroups: [
          { applicationName: 'orders', deploymentGroupName: 'orders-prod' },
          { applicationName: 'orders', deploymentGroupName: 'orders-canary' },
        ],
      },
    });
    const statements = statementsOf(template, ACT_ROLE);

    it('may read deployments of exactly the configured deployment groups', () => {
      const group = (name: string) =>
        `arn:\${AWS::Partition}:codedeploy:\${AWS::Region}:\${AWS::AccountId}:deploymentgroup:orders/${name}`;
      expect(resourcesFor(statements, 'codedeploy:GetDeployment').sort()).toEqual(
        [group('orders-canary'), group('orders-prod')].sort(),
      );
    });

    it('may stop deployments of the configured deployment groups and of no other group', () => {
      expect(allows(statements, 'codedeploy:StopDeployment', GROUP('orders', 'orders-prod'))).toBe(true);
      expect(allows(statements, 'codedeploy:StopDeployment', GROUP('orders', 'orders-canary'))).toBe(true);
      // Another team's group, a group of the same application not configured, another account or region.
      for (const other of [
        GROUP('payments', 'payments-prod'),
        GROUP('orders', 'orders-prod-eu'),
        GROUP('orders', 'orders-staging'),
        GROUP('orders', 'orders-prod', 'us-east-1', '999988887777'),
        GROUP('orders', 'orders-prod', 'eu-west-1'),
      ]) {
        expect(allows(statements, 'codedeploy:StopDeployment', other), other).toBe(false);
      }
      expect(resourcesFor(statements, 'codedeploy:StopDeployment')).not.toContain('*');
    });

    it('never grants a wildcard deployment group or any other CodeDeploy action', () => {
      const all = JSON.stringify(statements.map((s) => [s.Resource].flat().map(text)));
      expect(all).not.toMatch(/deploymentgroup:(\*|[^"]*\/\*)/);
      const codedeployActions = statements
        .flatMap((s) => [s.Action].flat())
        .filter((a) => a.startsWith('codedeploy:'));
      expect(codedeployActions.sort()).toEqual(['codedeploy:GetDeployment', 'codedeploy:StopDeployment']);
    });

    it('gives no other watch function a CodeDeploy action', () => {
      for (const role of ['WatchStartWatchRole', 'WatchEvaluateWatchRole']) {
        const actions = statementsOf(template, role).flatMap((s) => [s.Action].flat());
        expect(actions.length).toBeGreaterThan(0);
        expect(actions.filter((a) => a.startsWith('codedeploy:'))).toEqual([]);
      }
    });
  });

  describe('ssm-automation', () => {
    const ROLE = 'arn:aws:iam::111122223333:role/orders-rollback-automation';

    it('passes exactly the configured AutomationAssumeRole, to SSM only', () => {
      const template = synth({
        rollback: {
          action: 'ssm-automation',
          documentName: 'Orders-Rollback',
          parameters: { AutomationAssumeRole: [ROLE], Target: ['{service}'] },
        },
      });
      const pass = statementsOf(template, ACT_ROLE).filter((s) => [s.Action].flat().includes('iam:PassRole'));

      expect(pass).toEqual([
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ROLE,
          Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
        },
      ]);
    });

    it.each([
      'arn:aws:iam::111122223333:role/*',
      'arn:aws:iam::111122223333:role/orders-*',
      'arn:aws:iam::*:role/orders-rollback',
      '*',
    ])('refuses the wildcard AutomationAssumeRole %s as a configuration error', (role) => {
      expect(() =>
        validateConfig({
          watch: {
            rollback: {
              action: 'ssm-automation',
              documentName: 'Orders-Rollback',
              parameters: { AutomationAssumeRole: [role] },
            },
          },
        }),
      ).toThrow(ConfigError);
    });
  });

  describe('lambda', () => {
    it('may invoke exactly the configured function', () => {
      const functionArn = 'arn:aws:lambda:eu-west-1:111122223333:function:orders-rollback';
      const template = synth({ rollback: { action: 'lambda', functionArn } });

      expect(resourcesFor(statementsOf(template, ACT_ROLE), 'lambda:InvokeFunction')).toEqual([functionArn]);
    });
  });
});

describe('rollbacks in other accounts', () => {
  const ORGANIZATION = {
    environments: {
      prod: {
        account: '444455556666',
        region: 'eu-west-1',
        access: { roleName: 'preflight-audit', externalId: 'x-prod', rollbackRoleName: 'preflight-rollback' },
      },
      west: {
        account: '444455556666',
        region: 'us-west-2',
        access: { roleName: 'preflight-audit', externalId: 'x-prod', rollbackRoleName: 'preflight-rollback' },
      },
      other: {
        account: '999988887777',
        region: 'eu-west-1',
        access: { roleName: 'preflight-audit', rollbackRoleName: 'preflight-rollback' },
      },
    },
    services: {
      orders: {
        environments: ['prod', 'west'],
        resources: { tags: { service: 'orders' } },
        watch: {
          rollback: {
            action: 'codedeploy',
            deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
          },
        },
      },
      billing: {
        environments: ['prod', 'other'],
        resources: { tags: { service: 'billing' } },
        watch: {
          rollback: {
            action: 'lambda',
            functionArn: 'arn:aws:lambda:eu-west-1:444455556666:function:billing-rollback',
          },
          environments: {
            other: {
              rollback: {
                action: 'lambda',
                functionArn: 'arn:aws:lambda:eu-west-1:999988887777:function:billing-rollback',
              },
            },
          },
        },
      },
    },
  } as PreflightConfigInput;

  it('synthesize with cdk-nag: the act function may only assume the rollback roles, and acts on nothing itself', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PreflightStack(app, 'Preflight', { config: validateConfig(ORGANIZATION) });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
    const statements = statementsOf(Template.fromStack(stack), ACT_ROLE);

    expect(resourcesFor(statements, 'sts:AssumeRole').sort()).toEqual([
      'arn:aws:iam::444455556666:role/preflight-rollback',
      'arn:aws:iam::999988887777:role/preflight-rollback',
    ]);
    const acting = statements
      .flatMap((s) => [s.Action].flat())
      .filter((a) => /^(codedeploy|lambda|ssm):/.test(a));
    expect(acting).toEqual([]);
  });

  it('give the rollback role of an account exactly the targets of the services there, each in its region', () => {
    const stack = new Stack(new App(), 'Member');
    const permissions = memberRollbackPermissions(stack, validateConfig(ORGANIZATION), '444455556666');
    const json = permissions.statements.map((s) => stack.resolve(s.toStatementJson()) as Statement);

    expect(resourcesFor(json, 'codedeploy:GetDeployment').sort()).toEqual([
      `arn:\${AWS::Partition}:codedeploy:eu-west-1:444455556666:deploymentgroup:orders/orders-prod`,
      `arn:\${AWS::Partition}:codedeploy:us-west-2:444455556666:deploymentgroup:orders/orders-prod`,
    ]);
    expect(resourcesFor(json, 'lambda:InvokeFunction')).toEqual([
      'arn:aws:lambda:eu-west-1:444455556666:function:billing-rollback',
    ]);
    expect(resourcesFor(json, 'codedeploy:StopDeployment').sort()).toEqual(
      resourcesFor(json, 'codedeploy:GetDeployment').sort(),
    );
    expect(
      allows(json, 'codedeploy:StopDeployment', GROUP('orders', 'orders-prod', 'eu-west-1', '444455556666')),
    ).toBe(true);
    expect(
      allows(
        json,
        'codedeploy:StopDeployment',
        GROUP('payments', 'payments-prod', 'eu-west-1', '444455556666'),
      ),
    ).toBe(false);
    expect(json).toHaveLength(2);
  });
});
