import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../lambdas/core/config/validate';
import { resolveTarget, TargetError } from '../../../lambdas/core/services/resolve';
import { listTargets } from '../../../lambdas/core/services/targets';

const ALB_METRICS = {
  requests: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'RequestCount',
    dimensions: { LoadBalancer: '{loadBalancer}' },
    stat: 'Sum',
  },
  errors: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    dimensions: { LoadBalancer: '{loadBalancer}' },
    stat: 'Sum',
  },
  latency: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: { LoadBalancer: '{loadBalancer}' },
    stat: 'p99',
  },
  unhealthy_hosts: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'UnHealthyHostCount',
    dimensions: { LoadBalancer: '{loadBalancer}', TargetGroup: '{targetGroup}' },
    stat: 'Maximum',
  },
  db_connection_errors: {
    namespace: 'Orders',
    metricName: 'DbConnectionErrors',
    dimensions: { Service: '{service}' },
    stat: 'Sum',
  },
};

const ORGANIZATION = {
  environments: {
    prod: {
      account: '111122223333',
      regions: ['eu-west-1', 'us-east-1'],
      access: {
        roleName: 'preflight-audit',
        externalId: 'preflight-prod',
        rollbackRoleName: 'preflight-rollback',
      },
    },
    staging: { account: '444455556666', region: 'eu-west-1' },
  },
  checks: { 'database-backups': { rpoHours: 24, restoreProofDays: 30 } },
  watch: { metrics: ALB_METRICS },
  services: {
    'orders-api': {
      environments: ['prod', 'staging'],
      resources: { tags: { service: 'orders-api' }, stacks: ['orders-api-prod'] },
      tlsEndpoints: [{ host: 'orders.example.com' }],
      checks: { 'database-backups': { rpoHours: 4 } },
      watch: {
        values: { loadBalancer: 'app/orders/1', targetGroup: 'targetgroup/orders/1' },
        environments: { staging: { values: { loadBalancer: 'app/orders-staging/2' } } },
        triggers: { latency: { threshold: { baselineMultiplier: 3 } } },
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
        },
      },
    },
    payments: {
      environments: ['prod'],
      resources: { arns: ['arn:aws:rds:eu-west-1:111122223333:db:payments-db'] },
      watch: { values: { loadBalancer: 'app/payments/3', targetGroup: 'targetgroup/payments/3' } },
    },
  },
};

function problemsOf(raw: unknown): Array<{ key: string; expected: string }> {
  try {
    validateConfig(raw);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(({ key, expected }) => ({ key, expected }));
  }
}

describe('resolveTarget', () => {
  describe('without services', () => {
    it('is the whole account Preflight runs in, with the defaults', () => {
      const target = resolveTarget(validateConfig({}), { service: 'orders', environment: 'prod' });

      expect(target).toMatchObject({
        service: 'orders',
        implicit: true,
        environment: { name: 'prod', regions: [], configured: false },
      });
      expect(target.resources).toBeUndefined();
      expect(target.environment.role).toBeUndefined();
      expect(target.checks['database-backups'].rpoHours).toBe(24);
    });

    it('refuses an environment the configuration does not define, with a suggestion', () => {
      const config = validateConfig({ environments: { prod: {}, staging: {} } });

      expect(() => resolveTarget(config, { environment: 'prd' })).toThrow(
        new TargetError('unknown environment "prd"; expected one of prod, staging; did you mean "prod"?'),
      );
    });
  });

  describe('with services', () => {
    const config = validateConfig(ORGANIZATION);

    it('lays a service’s check settings over the defaults key by key', () => {
      const target = resolveTarget(config, { service: 'orders-api', environment: 'prod' });

      expect(target.checks['database-backups']).toMatchObject({ rpoHours: 4, restoreProofDays: 30 });
      expect(target.checks['tls-endpoints'].endpoints).toEqual([{ host: 'orders.example.com', port: 443 }]);
      expect(
        resolveTarget(config, { service: 'payments', environment: 'prod' }).checks['database-backups']
          .rpoHours,
      ).toBe(24);
    });

    it('reaches a role environment by the role named in its account, with the external id', () => {
      const target = resolveTarget(config, { service: 'orders-api', environment: 'prod' });

      expect(target.environment).toEqual({
        name: 'prod',
        account: '111122223333',
        regions: ['eu-west-1', 'us-east-1'],
        role: { arn: 'arn:aws:iam::111122223333:role/preflight-audit', externalId: 'preflight-prod' },
        rollbackRole: {
          arn: 'arn:aws:iam::111122223333:role/preflight-rollback',
          externalId: 'preflight-prod',
        },
        configured: true,
      });
      expect(target.resources).toEqual({
        tags: { service: 'orders-api' },
        stacks: ['orders-api-prod'],
        arns: [],
        names: [],
      });
    });

    it('fills metric templates per service and environment, the environment’s values first', () => {
      const prod = resolveTarget(config, { service: 'orders-api', environment: 'prod' });
      const staging = resolveTarget(config, { service: 'orders-api', environment: 'staging' });
      const payments = resolveTarget(config, { service: 'payments', environment: 'prod' });

      const dims = (t: typeof prod, id: string) =>
        (t.watch.metrics[id] as { dimensions: unknown }).dimensions;
      expect(dims(prod, 'requests')).toEqual({ LoadBalancer: 'app/orders/1' });
      expect(dims(staging, 'requests')).toEqual({ LoadBalancer: 'app/orders-staging/2' });
      expect(dims(payments, 'unhealthy_hosts')).toEqual({
        LoadBalancer: 'app/payments/3',
        TargetGroup: 'targetgroup/payments/3',
      });
      expect(dims(payments, 'db_connection_errors')).toEqual({ Service: 'payments' });
      expect(prod.watchRegion).toBe('eu-west-1');
    });

    it('overrides a trigger key by key and takes the rollback target from the service', () => {
      const orders = resolveTarget(config, { service: 'orders-api', environment: 'prod' });
      const payments = resolveTarget(config, { service: 'payments', environment: 'prod' });

      expect(orders.watch.triggers.latency).toEqual({
        threshold: { baselineMultiplier: 3, statistic: 'median' },
      });
      expect(orders.watch.rollback).toEqual({
        action: 'codedeploy',
        deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
      });
      expect(payments.watch.rollback).toEqual({ action: 'none' });
    });

    it.each([
      [{ environment: 'prod' }, 'no service given; expected one of orders-api, payments'],
      [
        { service: 'order-api', environment: 'prod' },
        'unknown service "order-api"; expected one of orders-api, payments; did you mean "orders-api"?',
      ],
      [
        { service: 'payments', environment: 'staging' },
        'service "payments" is not deployed to "staging"; expected one of prod',
      ],
    ])('refuses %j', (request, message) => {
      expect(() => resolveTarget(config, request)).toThrow(new TargetError(message));
    });

    it('takes the only environment of a service when none is given', () => {
      expect(resolveTarget(config, { service: 'payments' }).environment.name).toBe('prod');
    });
  });
});

describe('configuration of services and environments', () => {
  it('accepts {} and a whole organization', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf(ORGANIZATION)).toEqual([]);
  });

  it.each([
    [
      'a service in an environment that is not defined',
      {
        environments: { prod: {} },
        services: { a: { environments: ['prd'], resources: { tags: { s: 'a' } } } },
      },
      {
        key: 'services.a.environments.[0]',
        expected: 'expected one of the environments defined in environments (prod); did you mean "prod"?',
      },
    ],
    [
      'a service without any resource selector',
      { environments: { prod: {} }, services: { a: { environments: ['prod'], resources: {} } } },
      {
        key: 'services.a.resources',
        expected: 'expected at least one of tags, stacks, arns or names: a service owns something',
      },
    ],
    [
      'an override that breaks a check’s own rule',
      {
        environments: { prod: {} },
        services: {
          a: {
            environments: ['prod'],
            resources: { tags: { s: 'a' } },
            checks: { 'acm-certificates': { failDays: 40 } },
          },
        },
      },
      {
        key: 'services.a.checks.acm-certificates.failDays',
        expected: 'expected failDays to be less than warnDays (30)',
      },
    ],
    [
      'an override of a key the check does not have',
      {
        environments: { prod: {} },
        services: {
          a: {
            environments: ['prod'],
            resources: { tags: { s: 'a' } },
            checks: { 'database-backups': { rpo: 4 } },
          },
        },
      },
      // The unknown key is named in the path, with the keys the check has.
      { key: 'services.a.checks.database-backups.rpo', expected: expect.stringContaining('rpoHours') },
    ],
    [
      'a metric template without its value',
      {
        environments: { prod: {} },
        watch: { metrics: ALB_METRICS },
        services: {
          a: {
            environments: ['prod'],
            resources: { tags: { s: 'a' } },
            watch: { values: { loadBalancer: 'x' } },
          },
        },
      },
      {
        key: 'services.a.watch.metrics.unhealthy_hosts.dimensions.TargetGroup',
        expected:
          'expected a value for {targetGroup} in services.a.watch.values or services.a.watch.environments.prod.values',
      },
    ],
    [
      'a metric template without services',
      { watch: { metrics: ALB_METRICS } },
      {
        key: 'watch.metrics.requests.dimensions.LoadBalancer',
        expected: expect.stringContaining('without services only {service} and {environment}'),
      },
    ],
    [
      'a role by name without the account it is in',
      { environments: { prod: { access: { roleName: 'preflight-audit' } } } },
      {
        key: 'environments.prod.access.roleName',
        expected: 'expected account when access names a role by roleName (the role is in that account)',
      },
    ],
    [
      'a role in another account than the environment',
      {
        environments: {
          prod: {
            account: '111122223333',
            access: { roleArn: 'arn:aws:iam::444455556666:role/preflight-audit' },
          },
        },
      },
      {
        key: 'environments.prod.access.roleArn',
        expected:
          "expected a role in the environment's own account: the account in roleArn differs from account",
      },
    ],
    [
      'an external id longer than the member-account stack takes',
      {
        environments: {
          prod: {
            account: '111122223333',
            access: { roleName: 'preflight-audit', externalId: 'x'.repeat(257) },
          },
        },
      },
      {
        key: 'environments.prod.access.externalId',
        expected: 'expected an external id of 2-256 letters, digits or +=,.@:/-',
      },
    ],
    [
      "an environment in another account reached with Preflight's own credentials",
      {
        home: { account: '111122223333', regions: ['eu-west-1'] },
        environments: { staging: { account: '444455556666' } },
      },
      {
        key: 'environments.staging.account',
        expected:
          "expected home.account (111122223333): an environment reached with Preflight's own credentials is in Preflight's account; give it access.roleName to reach another account",
      },
    ],
    [
      'both region and regions',
      { environments: { prod: { region: 'eu-west-1', regions: ['us-east-1'] } } },
      { key: 'environments.prod.regions', expected: 'expected either region or regions, not both' },
    ],
    [
      'watch values for an environment the service is not in',
      {
        environments: { prod: {}, dev: {} },
        services: {
          a: {
            environments: ['prod'],
            resources: { tags: { s: 'a' } },
            watch: { environments: { dev: {} } },
          },
        },
      },
      {
        key: 'services.a.watch.environments.dev',
        expected: "expected one of the service's environments (prod)",
      },
    ],
  ])('refuses %s', (_case, raw, problem) => {
    expect(problemsOf(raw)).toContainEqual(problem);
  });
});

describe('listTargets', () => {
  it('is every service in every environment and region', () => {
    expect(listTargets(validateConfig(ORGANIZATION))).toEqual([
      { service: 'orders-api', environment: 'prod', account: '111122223333', region: 'eu-west-1' },
      { service: 'orders-api', environment: 'prod', account: '111122223333', region: 'us-east-1' },
      { service: 'orders-api', environment: 'staging', account: '444455556666', region: 'eu-west-1' },
      { service: 'payments', environment: 'prod', account: '111122223333', region: 'eu-west-1' },
      { service: 'payments', environment: 'prod', account: '111122223333', region: 'us-east-1' },
    ]);
  });

  it('is the account Preflight runs in when nothing is configured', () => {
    expect(listTargets(validateConfig({}))).toEqual([{ service: 'account', environment: 'default' }]);
  });
});
