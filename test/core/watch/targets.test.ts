import { describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../../lambdas/core/config/schema';
import { ConfigError, validateConfig } from '../../../lambdas/core/config/validate';
import { watchAccess } from '../../../lambdas/core/watch/targets';

/*
 * The configuration's rules for a watch's rollback, across sections, and what the stack grants from
 * it: every service × environment, its own account and region.
 */

const PROD = {
  account: '444455556666',
  region: 'eu-west-1',
  access: { roleName: 'preflight-audit', externalId: 'preflight-prod' },
};
const CODEDEPLOY = {
  action: 'codedeploy',
  deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
};

function organization(orders: Record<string, unknown>, prod: Record<string, unknown> = PROD) {
  return {
    environments: { prod, staging: { region: 'eu-west-1' } },
    services: {
      orders: {
        environments: ['prod', 'staging'],
        resources: { tags: { service: 'orders' } },
        watch: orders,
      },
      billing: { environments: ['prod'], resources: { tags: { service: 'billing' } } },
    },
  } as PreflightConfigInput;
}

function problemsOf(config: PreflightConfigInput) {
  try {
    validateConfig(config, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('watch rollback rules', () => {
  it('require a rollback role where the environment is reached through its read-only audit role', () => {
    expect(problemsOf(organization({ rollback: CODEDEPLOY }))).toEqual([
      expect.objectContaining({
        key: 'environments.prod.access.rollbackRoleName',
        expected: expect.stringMatching(
          /^the name of the rollback role in account 444455556666 .*the watches of "orders" in environment "prod" roll back/,
        ),
      }),
    ]);
  });

  it('accept the rollback once the environment names its rollback role', () => {
    const config = validateConfig(
      organization(
        { rollback: CODEDEPLOY },
        { ...PROD, access: { ...PROD.access, rollbackRoleName: 'preflight-rollback' } },
      ),
    );
    expect(config.environments.prod?.access).toMatchObject({ rollbackRoleName: 'preflight-rollback' });
  });

  it('need no rollback role for action none, nor in an environment reached with Preflight’s own credentials', () => {
    expect(() =>
      validateConfig(organization({ environments: { staging: { rollback: CODEDEPLOY } } })),
    ).not.toThrow();
  });

  it.each([
    [
      'another account',
      'arn:aws:lambda:eu-west-1:999999999999:function:orders-rollback',
      /account 999999999999/,
    ],
    ['another region', 'arn:aws:lambda:us-east-1:444455556666:function:orders-rollback', /region us-east-1/],
  ])('refuse a rollback function in %s than the service’s', (_, functionArn, why) => {
    const prod = { ...PROD, access: { ...PROD.access, rollbackRoleName: 'preflight-rollback' } };
    const problems = problemsOf(
      organization({ environments: { prod: { rollback: { action: 'lambda', functionArn } } } }, prod),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'services.orders.watch.environments.prod.rollback.functionArn',
        value: functionArn,
        expected: expect.stringMatching(why),
      }),
    ]);
  });

  it('refuse an automation role of another account than the service’s', () => {
    const prod = { ...PROD, access: { ...PROD.access, rollbackRoleName: 'preflight-rollback' } };
    const role = 'arn:aws:iam::999999999999:role/orders-automation';
    const problems = problemsOf(
      organization(
        {
          rollback: {
            action: 'ssm-automation',
            documentName: 'Orders-Rollback',
            parameters: { AutomationAssumeRole: [role] },
          },
          environments: { staging: { rollback: { action: 'none' } } },
        },
        prod,
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        key: 'services.orders.watch.rollback.parameters.AutomationAssumeRole.[0]',
        value: role,
      }),
    ]);
  });

  it('name the top-level rollback when every service inherits it', () => {
    const config = organization({});
    (config as { watch?: unknown }).watch = { rollback: CODEDEPLOY };
    expect(problemsOf(config)).toEqual([
      expect.objectContaining({
        key: 'environments.prod.access.rollbackRoleName',
        expected: expect.stringContaining('the watches of "orders", "billing" in environment "prod"'),
      }),
    ]);
  });

  it('refuse metrics through observability without the account they are in', () => {
    const problems = problemsOf({
      environments: { prod: { region: 'eu-west-1', metricsVia: 'observability' } },
    });
    expect(problems).toEqual([expect.objectContaining({ key: 'environments.prod.metricsVia' })]);
  });
});

describe('watchAccess', () => {
  it('grants exactly the roles and own permissions the configured watches use', () => {
    const config = validateConfig({
      environments: {
        prod: { ...PROD, access: { ...PROD.access, rollbackRoleName: 'preflight-rollback' } },
        observed: {
          account: '777788889999',
          region: 'eu-west-1',
          access: { roleName: 'preflight-audit' },
          metricsVia: 'observability',
        },
        staging: { region: 'eu-west-1' },
      },
      services: {
        orders: {
          environments: ['prod', 'staging'],
          resources: { tags: { service: 'orders' } },
          watch: { rollback: CODEDEPLOY },
        },
        billing: { environments: ['observed'], resources: { tags: { service: 'billing' } } },
      },
    });

    const access = watchAccess(config);

    expect(access.environmentRoles).toEqual([
      'arn:aws:iam::444455556666:role/preflight-audit',
      'arn:aws:iam::777788889999:role/preflight-audit',
    ]);
    expect(access.rollbackRoles).toEqual(['arn:aws:iam::444455556666:role/preflight-rollback']);
    expect(access.readsOwnMetrics).toBe(true);
    expect(access.checksOwnAccount).toBe(true);
    expect(access.ownRollbacks).toEqual([{ rollback: CODEDEPLOY, region: 'eu-west-1' }]);
  });

  it('holds nothing as Preflight itself when every environment is reached through a role', () => {
    const access = watchAccess(validateConfig({ environments: { prod: PROD } }));

    expect(access).toEqual({
      readsOwnMetrics: false,
      checksOwnAccount: false,
      environmentRoles: ['arn:aws:iam::444455556666:role/preflight-audit'],
      rollbackRoles: [],
      ownRollbacks: [],
    });
  });
});
