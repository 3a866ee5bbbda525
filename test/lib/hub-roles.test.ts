import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES } from '../../lambdas/core/checks/registry';
import { MAX_HOME_REGION_LENGTH } from '../../lambdas/core/config/home-schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import {
  checkFamilyRoleName,
  HubRoleNameError,
  hubRoleArns,
  hubRoleName,
  MAX_ROLE_NAME_LENGTH,
} from '../../lib/hub-roles';
import { PreflightStack } from '../../lib/preflight-stack';
import { TEST_REGION } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import { allowedActions, ofType, property, resolved } from '../support/template-policies';

/*
 * The Preflight roles that reach into member accounts have fixed names, so a member account can trust
 * exactly them. IAM role names are global to an account and Preflight has a stack per region, so the
 * names carry the region.
 */

const NAMED = {
  'Audit/RunCheckRole': 'audit',
  'Audit/RunCheckBackupsRole': 'audit-backups',
  'Audit/RunCheckTlsRole': 'audit-tls',
  'Audit/RunCheckSecretsRole': 'audit-secrets',
  'Audit/RunCheckAlarmsRole': 'audit-alarms',
  'Audit/RunCheckObservabilityRole': 'audit-observability',
  'Audit/RunCheckTracingRole': 'audit-tracing',
  'Audit/RunCheckLoadBalancingRole': 'audit-load-balancing',
  'Audit/RunCheckRateLimitingRole': 'audit-rate-limiting',
  'Audit/RunCheckCorsRole': 'audit-cors',
  'Audit/RunCheckScalingRole': 'audit-scaling',
  'Audit/RunCheckStorageRole': 'audit-storage',
  'Audit/RunCheckWorkloadsRole': 'audit-workloads',
  'Audit/RunCheckImagesRole': 'audit-images',
  'Audit/RunCheckDeploysRole': 'audit-deploys',
  'Audit/RunCheckNetworkRole': 'audit-network',
  'Followups/RunRole': 'followup',
  'Watch/StartWatchRole': 'watch-start',
  'Watch/EvaluateWatchRole': 'watch-evaluate',
  'Watch/ActOnDecisionRole': 'watch-act',
} as const;

function roleNames(template: Template): Record<string, unknown> {
  return Object.fromEntries(
    ofType(template, 'AWS::IAM::Role')
      .filter(([, role]) => role.Properties?.RoleName !== undefined)
      .map(([id, role]) => [id, resolved(property(role, 'RoleName'))]),
  );
}

function logicalId(stack: PreflightStack, path: string): string {
  const construct = path
    .split('/')
    .reduce<IConstruct | undefined>((c, part) => c?.node.tryFindChild(part), stack.preflight);
  return stack.getLogicalId(construct?.node.defaultChild as CdkCfnResource);
}

describe('the Preflight stack’s roles that reach member accounts', () => {
  const { stack, template } = synthPreflight({});

  it('are named preflight-<region>-<purpose>, and no other role of the stack is named', () => {
    const expected = Object.fromEntries(
      Object.entries(NAMED).map(([path, purpose]) => [
        logicalId(stack, path),
        `preflight-${TEST_REGION}-${purpose}`,
      ]),
    );

    expect(roleNames(template)).toEqual(expected);
  });

  it('take the region of the stack, so the stacks of two regions of one account do not collide', () => {
    const inRegion = (region: string) => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const regional = new PreflightStack(app, 'Preflight', {
        config: validateConfig({}),
        env: { account: '111122223333', region },
      });
      return Object.values(roleNames(Template.fromStack(regional))).sort();
    };
    const ireland = inRegion('eu-west-1');
    const virginia = inRegion('us-east-1');

    expect(ireland).toHaveLength(Object.keys(NAMED).length);
    expect(new Set(ireland).size).toBe(Object.keys(NAMED).length);
    expect(ireland.filter((name) => virginia.includes(name))).toEqual([]);
    expect(ireland).toContain('preflight-eu-west-1-audit');
  });
});

/** The roles of a template that may call sts:AssumeRole, with their names. */
function assumers(template: Template): Array<{ id: string; name: string }> {
  return ofType(template, 'AWS::IAM::Role')
    .filter(([id]) => allowedActions(template, id).includes('sts:AssumeRole'))
    .map(([id, role]) => ({ id, name: String(resolved(role.Properties?.RoleName)) }));
}

/** The roles of a template that may call sts:AssumeRole without being one of Preflight's named roles. */
function unnamedAssumers(template: Template): string[] {
  const named = new Set(Object.values(NAMED).map((purpose) => `preflight-${TEST_REGION}-${purpose}`));
  return assumers(template)
    .filter(({ name }) => !named.has(name))
    .map(({ id }) => id);
}

describe('reaching another account', () => {
  const ORGANIZATION = {
    environments: {
      prod: {
        account: '444455556666',
        region: 'eu-west-1',
        access: {
          roleName: 'preflight-audit',
          externalId: 'preflight-prod',
          rollbackRoleName: 'preflight-rollback',
        },
      },
    },
    watch: {
      rollback: {
        action: 'lambda' as const,
        functionArn: 'arn:aws:lambda:eu-west-1:444455556666:function:orders-rollback',
      },
    },
  };

  it('is left to the named roles: no other role of the stack may assume a role', () => {
    const { template } = synthPreflight(ORGANIZATION);

    expect(
      assumers(template)
        .map(({ name }) => name)
        .sort(),
    ).toEqual(
      Object.values(NAMED)
        .map((purpose) => `preflight-${TEST_REGION}-${purpose}`)
        .sort(),
    );
    expect(unnamedAssumers(template)).toEqual([]);
  });

  it('is seen when an unnamed role is given sts:AssumeRole', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PreflightStack(app, 'Preflight', { config: validateConfig(ORGANIZATION) });
    const report = stack.audit.functions.find((fn) => fn.node.id === 'BuildReport');
    report?.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['arn:aws:iam::444455556666:role/x'],
      }),
    );

    expect(unnamedAssumers(Template.fromStack(stack))).toEqual([logicalId(stack, 'Audit/BuildReportRole')]);
  });
});

describe('the reach role', () => {
  it('keeps the former check function role’s logical id: a deployment updates the named role in place', () => {
    // Member trust policies keep a role by its unique id: a replaced role would be refused there.
    const { stack } = synthPreflight({});
    const id = stack.getLogicalId(stack.audit.reachRole.node.defaultChild as CdkCfnResource);
    expect(id).toMatch(/^AuditRunCheckRole[0-9A-F]{8}$/);
  });
});

describe('hubRoleName', () => {
  it('fits IAM’s 64 characters for the longest region the home configuration accepts', () => {
    const longest = 'ap-southeast-north-1';
    expect(longest).toHaveLength(MAX_HOME_REGION_LENGTH);
    const home = (region: string) => ({ home: { account: '111122223333', regions: [region] } });
    expect(() => validateConfig(home(longest))).not.toThrow();
    expect(() => validateConfig(home('ap-southeast-northe-1'))).toThrow(/home\.regions\.\[0\]/);

    for (const role of ['audit', 'followup', 'watchStart', 'watchEvaluate', 'watchAct'] as const) {
      expect(hubRoleName(role, longest).length).toBeLessThanOrEqual(MAX_ROLE_NAME_LENGTH);
    }
    // Every check family's role, however the registry grows.
    for (const family of FAMILY_NAMES) {
      expect(checkFamilyRoleName(family, longest)).toBe(`preflight-${longest}-audit-${family}`);
      expect(checkFamilyRoleName(family, longest).length).toBeLessThanOrEqual(MAX_ROLE_NAME_LENGTH);
    }
  });

  it('refuses a region that would make a name IAM rejects', () => {
    const region = `eu-${'west'.repeat(12)}-1`;
    expect(() => hubRoleName('watchEvaluate', region)).toThrow(HubRoleNameError);
    expect(() => hubRoleName('watchEvaluate', region)).toThrow(/is \d+ characters; IAM allows 64/);
  });

  it('gives every role’s ARN in every region', () => {
    expect(
      hubRoleArns({ partition: 'aws', account: '111122223333', regions: ['eu-west-1', 'us-east-1'] }, [
        'audit',
        'watchAct',
      ]),
    ).toEqual([
      'arn:aws:iam::111122223333:role/preflight-eu-west-1-audit',
      'arn:aws:iam::111122223333:role/preflight-eu-west-1-watch-act',
      'arn:aws:iam::111122223333:role/preflight-us-east-1-audit',
      'arn:aws:iam::111122223333:role/preflight-us-east-1-watch-act',
    ]);
  });
});
