import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES } from '../../lambdas/core/checks/registry';
import { MAX_HOME_REGIONS } from '../../lambdas/core/config/home-schema';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import {
  MAX_EXTERNAL_ID_LENGTH,
  MEMBER_ACCOUNT_STACK_ID,
  MemberAccountStack,
  missingHomeMessage,
} from '../../lib/member-account-stack';
import { policyValidationPlugins } from '../../lib/policy-validation';
import { SECRET_READ_ACTIONS } from '../../lib/secret-reads';
import { TEST_ACCOUNT, TEST_REGION } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import {
  actionsOf,
  allowedActions,
  type CfnResource,
  ofType,
  property,
  resolved,
  roleStatements,
  type Statement,
  statementsIn,
} from '../support/template-policies';

/*
 * The member-account stack: the read-only audit role (and, where the configuration has rollback
 * targets, the rollback role) a member account deploys by StackSets. Only Preflight's named roles may
 * assume them, only with the external id; the audit role holds the local check role's actions and
 * its secret-read Deny; the template needs no bootstrap and has no assets.
 */

const HOME = { account: TEST_ACCOUNT, regions: [TEST_REGION, 'eu-west-1'] };
const MEMBER = '444455556666';
const OTHER_MEMBER = '777788889999';

function synthMember(config: PreflightConfigInput, options: { validate?: boolean } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MemberAccountStack(app, MEMBER_ACCOUNT_STACK_ID, {
    config: validateConfig(config, 'test configuration'),
    configSource: 'test configuration',
  });
  if (options.validate) Validations.of(app).addPlugins(...policyValidationPlugins(app));
  const assembly = app.synth();
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    artifact: assembly.getStackByName(stack.stackName),
  };
}

const roles = (template: Template) => ofType(template, 'AWS::IAM::Role');
const roleNamed = (template: Template, parameter: string): [string, CfnResource] => {
  const found = roles(template).filter(([, r]) => resolved(r.Properties?.RoleName) === `<${parameter}>`);
  if (found.length !== 1) throw new Error(`expected one role named by ${parameter}, found ${found.length}`);
  return found[0] as [string, CfnResource];
};
const trustOf = (role: CfnResource) =>
  statementsIn(role, 'AssumeRolePolicyDocument').map(resolved) as Statement[];
const principalsOf = (statements: Statement[]): string[] =>
  statements.flatMap((s) => [(s.Principal as { AWS?: string | string[] }).AWS ?? []].flat()).sort();
/** Allow statements as {actions, resources, condition}, statements that differ only in resources merged. */
function grantsOf(statements: Statement[]) {
  const grants = new Map<string, { actions: string[]; resources: unknown[]; condition?: unknown }>();
  for (const s of statements) {
    const actions = actionsOf(s).sort();
    const key = JSON.stringify([actions, s.Effect, s.Condition ?? null]);
    const grant = grants.get(key) ?? {
      actions,
      resources: [],
      ...(s.Condition === undefined ? {} : { condition: s.Condition }),
    };
    grant.resources.push(...[resolved(s.Resource)].flat());
    grants.set(key, grant);
  }
  return [...grants.values()];
}
const arn = (region: string, purpose: string) =>
  `arn:aws:iam::${TEST_ACCOUNT}:role/preflight-${region}-${purpose}`;

const ROLLBACKS: PreflightConfigInput = {
  home: HOME,
  environments: {
    prod: {
      account: MEMBER,
      regions: ['eu-west-1', 'us-east-1'],
      access: {
        roleName: 'preflight-audit',
        externalId: 'preflight-prod',
        rollbackRoleName: 'preflight-rollback',
      },
    },
    eu: {
      account: OTHER_MEMBER,
      access: { roleName: 'preflight-audit', rollbackRoleName: 'preflight-rollback' },
    },
    here: { account: TEST_ACCOUNT, region: TEST_REGION },
  },
  services: {
    'orders-api': {
      environments: ['prod', 'here'],
      resources: { tags: { service: 'orders-api' } },
      watch: {
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
        },
      },
    },
    payments: {
      environments: ['prod'],
      resources: { stacks: ['payments-prod'] },
      watch: {
        environments: {
          prod: {
            region: 'us-east-1',
            rollback: {
              action: 'lambda',
              functionArn: `arn:aws:lambda:us-east-1:${MEMBER}:function:payments-rollback`,
            },
          },
        },
      },
    },
    catalog: {
      environments: ['eu'],
      resources: { tags: { service: 'catalog' } },
      watch: {
        rollback: {
          action: 'ssm-automation',
          documentName: 'catalog-rollback',
          parameters: { AutomationAssumeRole: [`arn:aws:iam::${OTHER_MEMBER}:role/catalog-automation`] },
        },
      },
    },
  },
};

/** The logical ids of the hub's check function roles, one per family. */
function checkRoles(hub: ReturnType<typeof synthPreflight>): string[] {
  return Object.values(hub.stack.audit.checkFunctions).map((fn) =>
    hub.stack.getLogicalId(fn.role?.node.defaultChild as CdkCfnResource),
  );
}

describe('the member-account stack', () => {
  describe('audit role', () => {
    const { template } = synthMember({ home: HOME });
    const [auditId, audit] = roleNamed(template, 'AuditRoleName');

    it('trusts only Preflight’s reading roles, by ARN in each home region, only with the external id', () => {
      const trust = trustOf(audit);

      expect(trust).toHaveLength(1);
      expect(principalsOf(trust)).toEqual(
        HOME.regions
          .flatMap((region) =>
            ['audit', 'followup', 'watch-start', 'watch-evaluate'].map((p) => arn(region, p)),
          )
          .sort(),
      );
      for (const statement of trust) {
        expect(statement.Effect).toBe('Allow');
        expect(actionsOf(statement)).toEqual(['sts:AssumeRole']);
        expect(statement.Condition).toEqual({ StringEquals: { 'sts:ExternalId': '<ExternalId>' } });
      }
      expect(JSON.stringify(trust)).not.toMatch(/:root|"\*"/);
    });

    it('trusts exactly the names the Preflight stack gives its roles', () => {
      const hub = synthPreflight({}).template;
      const hubNames = roles(hub)
        .map(([, r]) => r.Properties?.RoleName)
        .filter((name) => name !== undefined)
        .map((name) => `arn:aws:iam::${TEST_ACCOUNT}:role/${String(resolved(name))}`);
      const trustedHere = principalsOf(trustOf(audit)).filter((p) => p.includes(`-${TEST_REGION}-`));

      expect(trustedHere.length).toBe(4);
      for (const principal of trustedHere) expect(hubNames).toContain(principal);
      // The check functions' own roles reach member accounts only through the audit role.
      expect(hubNames.filter((n) => !trustedHere.includes(n)).sort()).toEqual(
        [arn(TEST_REGION, 'watch-act'), ...FAMILY_NAMES.map((f) => arn(TEST_REGION, `audit-${f}`))].sort(),
      );
    });

    it('holds exactly the local check roles’ read-only actions (every family’s), plus reading the watch’s metrics', () => {
      const hub = synthPreflight({});
      const checkReadOnly = checkRoles(hub).flatMap((checkRole) =>
        roleStatements(hub.template, checkRole)
          .filter((s) => s.Effect === 'Allow' && s.Resource === '*')
          .flatMap(actionsOf)
          .filter((action) => !action.startsWith('xray:')),
      );

      // apigateway:GET is held on the paths the checks read alone, here as in the check roles.
      const apiPaths = (t: typeof template, role: string) =>
        roleStatements(t, role)
          .filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('apigateway:GET'))
          .flatMap((s) => [s.Resource].flat().map((r) => String(resolved(r))));
      const checkPaths = [...new Set(checkRoles(hub).flatMap((role) => apiPaths(hub.template, role)))].sort();

      expect(checkReadOnly.length).toBeGreaterThan(10);
      expect(checkPaths).toHaveLength(5);
      expect(allowedActions(template, auditId)).toEqual(
        [...new Set([...checkReadOnly, 'apigateway:GET', 'cloudwatch:GetMetricData'])].sort(),
      );
      expect(apiPaths(template, auditId).sort()).toEqual(checkPaths);
      for (const statement of roleStatements(template, auditId).filter((s) => s.Effect === 'Allow')) {
        if (actionsOf(statement).includes('apigateway:GET'))
          expect(actionsOf(statement)).toEqual(['apigateway:GET']);
        else expect(statement.Resource).toBe('*');
        expect(statement.Condition).toBeUndefined();
      }
    });

    it('is denied every secret read, on every resource, exactly as each local check role is', () => {
      const hub = synthPreflight({});
      const denies = (statements: Statement[]) => statements.filter((s) => s.Effect === 'Deny');
      const memberDenies = denies(roleStatements(template, auditId));

      expect(checkRoles(hub)).toHaveLength(FAMILY_NAMES.length);
      for (const checkRole of checkRoles(hub)) {
        expect(memberDenies).toEqual(denies(roleStatements(hub.template, checkRole)));
      }
      expect(memberDenies.flatMap(actionsOf).sort()).toEqual([...SECRET_READ_ACTIONS].sort());
      for (const statement of memberDenies) {
        expect(statement.Resource).toBe('*');
        expect(statement.Condition).toBeUndefined();
      }
    });

    it('is named by a parameter that defaults to preflight-audit', () => {
      template.hasParameter('AuditRoleName', {
        Type: 'String',
        Default: 'preflight-audit',
        MaxLength: 64,
        AllowedPattern: '[\\w+=,.@-]+',
      });
      template.hasOutput('AuditRoleArn', { Value: { 'Fn::GetAtt': [auditId, 'Arn'] } });
    });

    it('takes the external id as a NoEcho parameter StackSets can pass', () => {
      template.hasParameter('ExternalId', {
        Type: 'String',
        NoEcho: true,
        MinLength: 2,
        MaxLength: MAX_EXTERNAL_ID_LENGTH,
        AllowedPattern: '[\\w+=,.@:/-]*',
      });
      expect(Object.keys(template.toJSON().Parameters).sort()).toEqual(['AuditRoleName', 'ExternalId']);
    });

    it('keeps the trust policy within IAM’s 2,048 characters at the configuration’s limits', () => {
      const regions = Array.from(
        { length: MAX_HOME_REGIONS },
        (_, i) => `ap-southeast-nort${'abcdefghij'[i]}-1`,
      );
      const widest = synthMember({ home: { account: TEST_ACCOUNT, regions } }).template;
      const [, role] = roleNamed(widest, 'AuditRoleName');
      const policy = JSON.stringify(resolved(property(role, 'AssumeRolePolicyDocument')))
        .replaceAll('arn:aws:', 'arn:aws-us-gov:')
        .replace('<ExternalId>', 'x'.repeat(MAX_EXTERNAL_ID_LENGTH));

      expect(principalsOf(trustOf(role))).toHaveLength(4 * MAX_HOME_REGIONS);
      expect(policy.length).toBeLessThanOrEqual(2048);
    });
  });

  describe('template for StackSets', () => {
    const { template, artifact } = synthMember(ROLLBACKS);

    it('needs no bootstrap stack and has no assets', () => {
      const json = template.toJSON();

      expect(json.Parameters?.BootstrapVersion).toBeUndefined();
      expect(json.Rules).toBeUndefined();
      expect(artifact.assets).toEqual([]);
      expect(artifact.dependencies.map((d) => d.id)).toEqual([]);
      expect(artifact.assumeRoleArn).toBeUndefined();
      expect(JSON.stringify(json)).not.toMatch(/cdk-hnb659fds|AssetParameters|CDKMetadata/);
      expect(ofType(template, 'AWS::CDK::Metadata')).toEqual([]);
    });

    it('holds IAM roles and nothing else', () => {
      const types = new Set(
        Object.values(template.toJSON().Resources as Record<string, CfnResource>).map((r) => r.Type),
      );
      expect([...types]).toEqual(['AWS::IAM::Role']);
    });
  });

  describe('rollback role', () => {
    const { template } = synthMember(ROLLBACKS);
    const rollbackRoles = () =>
      roles(template).filter(([, r]) => resolved(r.Properties?.RoleName) === '<RollbackRoleName>');
    const inAccount = (account: string): [string, CfnResource] => {
      const conditions = template.toJSON().Conditions as Record<string, unknown>;
      const found = rollbackRoles().filter(([, r]) => {
        const condition = (r as { Condition?: string }).Condition;
        return (
          condition !== undefined &&
          JSON.stringify(conditions[condition]) ===
            JSON.stringify({ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, account] })
        );
      });
      if (found.length !== 1)
        throw new Error(`expected one rollback role for ${account}, found ${found.length}`);
      return found[0] as [string, CfnResource];
    };

    it('exists once per account with rollback targets, created only in that account', () => {
      expect(rollbackRoles()).toHaveLength(2);
      expect(inAccount(MEMBER)).toBeDefined();
      expect(inAccount(OTHER_MEMBER)).toBeDefined();
      template.hasParameter('RollbackRoleName', { Type: 'String', Default: 'preflight-rollback' });
    });

    it('trusts only Preflight’s act roles, only with the external id', () => {
      for (const [, role] of rollbackRoles()) {
        const trust = trustOf(role);
        expect(principalsOf(trust)).toEqual(HOME.regions.map((region) => arn(region, 'watch-act')).sort());
        for (const statement of trust) {
          expect(actionsOf(statement)).toEqual(['sts:AssumeRole']);
          expect(statement.Condition).toEqual({ StringEquals: { 'sts:ExternalId': '<ExternalId>' } });
        }
      }
    });

    it('may act on exactly the account’s configured targets, each in the region its watch works in', () => {
      const [memberId] = inAccount(MEMBER);
      const grants = grantsOf(roleStatements(template, memberId));

      expect(roleStatements(template, memberId).every((s) => s.Effect === 'Allow')).toBe(true);
      expect(grants).toEqual(
        expect.arrayContaining([
          {
            actions: ['codedeploy:GetDeployment', 'codedeploy:StopDeployment'],
            resources: [`arn:aws:codedeploy:eu-west-1:${MEMBER}:deploymentgroup:orders/orders-prod`],
          },
          {
            actions: ['lambda:InvokeFunction'],
            resources: [`arn:aws:lambda:us-east-1:${MEMBER}:function:payments-rollback`],
          },
        ]),
      );
      expect(grants).toHaveLength(2);
    });

    it('grants another account’s targets only to that account’s role', () => {
      const [otherId] = inAccount(OTHER_MEMBER);
      const grants = grantsOf(roleStatements(template, otherId));

      // No region in the environment: the watch works in Preflight's own regions.
      expect(grants).toEqual([
        {
          actions: ['ssm:StartAutomationExecution'],
          resources: HOME.regions.map(
            (region) => `arn:aws:ssm:${region}:${OTHER_MEMBER}:automation-definition/catalog-rollback:*`,
          ),
        },
        {
          actions: ['iam:PassRole'],
          resources: [`arn:aws:iam::${OTHER_MEMBER}:role/catalog-automation`],
          condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
        },
      ]);
      expect(JSON.stringify(roleStatements(template, otherId))).not.toContain(MEMBER);
    });

    it('is not there, nor its parameter, when no rollback target is in a member account', () => {
      const { template: plain } = synthMember({
        home: HOME,
        environments: { here: { account: TEST_ACCOUNT, region: TEST_REGION } },
        watch: {
          rollback: {
            action: 'lambda',
            functionArn: `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:f`,
          },
        },
      });

      expect(roles(plain)).toHaveLength(1);
      expect(plain.toJSON().Parameters.RollbackRoleName).toBeUndefined();
      expect(plain.toJSON().Conditions).toBeUndefined();
    });
  });

  describe('cdk-nag and the Control Tower proactive controls', () => {
    it('pass, every exception acknowledged on its resource', () => {
      expect(() => synthMember(ROLLBACKS, { validate: true })).not.toThrow();
    }, 60_000);

    it('acknowledge only the wildcards the roles really hold', () => {
      const { stack, template } = synthMember(ROLLBACKS);
      const acknowledged = stack.node
        .findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
            .flatMap((m) => Object.keys(m.data as object).map((id) => [c.node.path, id])),
        );

      expect(acknowledged.map(([, id]) => id).sort()).toEqual(
        [
          'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          ...['/apis', '/apis/*', '/restapis', '/restapis/*', '/usageplans'].map(
            (path) => `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:*::${path}]`,
          ),
          ...HOME.regions.map(
            (region) =>
              `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:${region}:${OTHER_MEMBER}:automation-definition/catalog-rollback:*]`,
          ),
        ].sort(),
      );
      const wildcardActions = roles(template).flatMap(([id]) =>
        roleStatements(template, id)
          .filter((s) => s.Effect === 'Allow' && s.Resource === '*')
          .flatMap(actionsOf),
      );
      expect(wildcardActions).not.toContain('codedeploy:StopDeployment');
    });
  });

  describe('without home in the configuration', () => {
    it('stops its own synthesis with what to set, and creates nothing', () => {
      const app = new App();
      const stack = new MemberAccountStack(app, MEMBER_ACCOUNT_STACK_ID, {
        config: validateConfig({}),
        configSource: 'preflight.config.json',
      });

      Annotations.fromStack(stack).hasError('*', missingHomeMessage('preflight.config.json'));
      expect(missingHomeMessage('preflight.config.json')).toMatch(
        /preflight\.config\.json does not say: set "home": \{"account": .*"regions": \[/,
      );
      expect(Template.fromStack(stack).toJSON().Resources).toBeUndefined();
      expect(stack.auditRole).toBeUndefined();
    });
  });
});
