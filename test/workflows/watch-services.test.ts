import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { AssumeRoleCommand, type AssumeRoleCommandInput, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import type { ExtractedStateMachine } from '../harness/asl';
import { sentWith } from '../support/sent-with';
import {
  breaking,
  cloudwatch,
  codedeploy,
  DEPLOYMENT,
  HEALTHY,
  historyEvent,
  machineFor,
  messages,
  metricsFrom,
  rollbackCalls,
  s3,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

/*
 * A watch per service, in every account and region: the synthesized watch machine run locally with
 * the real handlers, STS and every service stubbed at the SDK clients. Each service's watch reads its
 * own metrics (templates filled per service), in its environment's account (through the role
 * assumed with the external id) and region, and rolls back there through the rollback role, only
 * within its own configured targets.
 */

const sts = mockClient(STSClient);
stubWatchAccount();
afterAll(() => {
  sts.restore();
});
const ALB = { LoadBalancer: '{loadBalancer}' };
const TEMPLATES = {
  requests: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: ALB, stat: 'Sum' },
  errors: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    dimensions: ALB,
    stat: 'Sum',
  },
  latency: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: ALB,
    stat: 'p99',
  },
  unhealthy_hosts: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'UnHealthyHostCount',
    dimensions: ALB,
    stat: 'Maximum',
  },
  db_connection_errors: {
    namespace: 'Shop',
    metricName: 'DatabaseConnectionErrors',
    dimensions: { Service: '{service}' },
    stat: 'Sum',
  },
};
const group = (name: string) => ({ applicationName: name, deploymentGroupName: `${name}-prod` });
const rollbackOf = (name: string) => ({ action: 'codedeploy', deploymentGroups: [group(name)] });
const PROD_ACCOUNT = '444455556666';
const LOCKED_ACCOUNT = '777788889999';
const OBSERVED_ACCOUNT = '222233334444';

const ORGANIZATION: PreflightConfigInput = {
  environments: {
    prod: {
      account: PROD_ACCOUNT,
      region: 'eu-west-1',
      access: {
        roleName: 'preflight-audit',
        externalId: 'preflight-prod',
        rollbackRoleName: 'preflight-rollback',
      },
    },
    locked: {
      account: LOCKED_ACCOUNT,
      region: 'eu-central-1',
      access: {
        roleName: 'preflight-audit',
        externalId: 'preflight-locked',
        rollbackRoleName: 'preflight-rollback',
      },
    },
    observed: {
      account: OBSERVED_ACCOUNT,
      region: 'us-west-2',
      access: { roleName: 'preflight-audit', externalId: 'preflight-observed' },
      metricsVia: 'observability',
    },
  },
  watch: { minutes: 10, metrics: TEMPLATES },
  services: {
    orders: {
      environments: ['prod', 'locked'],
      resources: { tags: { service: 'orders' } },
      watch: { values: { loadBalancer: 'app/orders/1' }, rollback: rollbackOf('orders') },
    },
    billing: {
      environments: ['prod', 'observed'],
      resources: { tags: { service: 'billing' } },
      watch: {
        values: { loadBalancer: 'app/billing/2' },
        rollback: rollbackOf('billing'),
        environments: { observed: { rollback: { action: 'none' } } },
      },
    },
  },
};

/**
 * The access key of a session of `roleArn` assumed with `externalId`: a call sent with it was made as
 * that role, assumed with that external id (sessions are kept between steps, so the key says it).
 */
const keyOf = (roleArn: string, externalId: string | undefined) => {
  const [, , , , account, resource] = roleArn.split(':');
  return `ASIA-${resource?.replace('role/', '')}-${account}-${externalId ?? 'none'}`;
};

/** Every GetMetricData query's metric dimensions and account, by metric id. */
function queriedMetrics(): Array<{ id: string; dimensions: Record<string, string>; accountId?: string }> {
  return cloudwatch.commandCalls(GetMetricDataCommand).flatMap(
    (call) =>
      (call.args[0].input as GetMetricDataCommandInput).MetricDataQueries?.map((q) => ({
        id: q.Id as string,
        dimensions: Object.fromEntries(
          (q.MetricStat?.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value]),
        ),
        ...(q.AccountId === undefined ? {} : { accountId: q.AccountId }),
      })) ?? [],
  );
}

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = machineFor(ORGANIZATION);
});

beforeEach(() => {
  sts.reset();
  sts.on(AssumeRoleCommand).callsFake((input: AssumeRoleCommandInput) => {
    if (input.RoleArn?.includes(`::${LOCKED_ACCOUNT}:`)) {
      throw Object.assign(
        new Error(`User is not authorized to perform: sts:AssumeRole on ${input.RoleArn}`),
        {
          name: 'AccessDenied',
        },
      );
    }
    return {
      Credentials: {
        AccessKeyId: keyOf(input.RoleArn ?? '', input.ExternalId),
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 3_600_000),
      },
    };
  });
});

const input = (service: string, environment: string) => ({ deploymentId: DEPLOYMENT, service, environment });

describe('watch state machine: a watch per service', () => {
  it('reads each service’s own metrics: the templates filled with its values', async () => {
    metricsFrom(HEALTHY);
    const orders = await watch(machine, input('orders', 'prod'));
    const ordersQueries = queriedMetrics();
    cloudwatch.resetHistory();
    const billing = await watch(machine, input('billing', 'prod'));
    const billingQueries = queriedMetrics();

    expect(orders.output?.decision).toBe('PROCEED');
    expect(billing.output?.decision).toBe('PROCEED');
    const dimensionsOf = (queries: typeof ordersQueries) =>
      new Set(queries.map((q) => JSON.stringify(q.dimensions)));
    expect(dimensionsOf(ordersQueries)).toEqual(
      new Set([JSON.stringify({ LoadBalancer: 'app/orders/1' }), JSON.stringify({ Service: 'orders' })]),
    );
    expect(dimensionsOf(billingQueries)).toEqual(
      new Set([JSON.stringify({ LoadBalancer: 'app/billing/2' }), JSON.stringify({ Service: 'billing' })]),
    );
  });

  it('reads the metrics in the service’s account and region, as the environment’s role, assumed with its external id', async () => {
    metricsFrom(HEALTHY);

    const run = await watch(machine, input('orders', 'prod'));

    expect(run.output?.decision).toBe('PROCEED');
    const calls = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      await expect(sentWith(call)).resolves.toEqual({
        region: 'eu-west-1',
        accessKeyId: `ASIA-preflight-audit-${PROD_ACCOUNT}-preflight-prod`,
      });
    }
    expect(historyEvent('watch-started')).toMatchObject({ account: PROD_ACCOUNT, region: 'eu-west-1' });
    expect(historyEvent('watch-decided')).toMatchObject({ account: PROD_ACCOUNT, region: 'eu-west-1' });
    expect(messages(run).email).toContain(`Where:     account ${PROD_ACCOUNT}, region eu-west-1`);
    // What the follow-ups of this deployment will check with: the service's settings in its environment.
    expect(s3.json(`watches/${DEPLOYMENT}/followup.json`)).toMatchObject({
      service: 'orders',
      environment: 'prod',
      account: PROD_ACCOUNT,
      region: 'eu-west-1',
      reach: {
        role: { arn: `arn:aws:iam::${PROD_ACCOUNT}:role/preflight-audit`, externalId: 'preflight-prod' },
      },
      config: { watch: { metrics: { requests: { dimensions: { LoadBalancer: 'app/orders/1' } } } } },
    });
  });

  it('reads through cross-account observability from Preflight’s own account, naming the account in every query', async () => {
    metricsFrom(HEALTHY);

    const run = await watch(machine, input('billing', 'observed'));

    expect(run.output?.decision).toBe('PROCEED');
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
    for (const call of cloudwatch.commandCalls(GetMetricDataCommand)) {
      await expect(sentWith(call)).resolves.toEqual({ region: 'us-west-2', accessKeyId: 'test' });
    }
    const metricQueries = queriedMetrics().filter((q) => Object.keys(q.dimensions).length > 0);
    expect(metricQueries.length).toBeGreaterThan(0);
    expect(metricQueries.every((q) => q.accountId === OBSERVED_ACCOUNT)).toBe(true);
  });
});

describe('watch state machine: rollback in the service’s account', () => {
  it('stops the deployment there, as the rollback role (never the audit role), in the service’s region', async () => {
    metricsFrom(breaking('errors', 200));

    const run = await watch(machine, input('orders', 'prod'));

    expect(run.output?.decision).toBe('ROLLBACK');
    const [stop] = codedeploy.commandCalls(StopDeploymentCommand);
    expect(stop?.args[0].input).toEqual({ deploymentId: DEPLOYMENT, autoRollbackEnabled: true });
    await expect(sentWith(stop as NonNullable<typeof stop>)).resolves.toEqual({
      region: 'eu-west-1',
      accessKeyId: `ASIA-preflight-rollback-${PROD_ACCOUNT}-preflight-prod`,
    });
    for (const call of codedeploy.commandCalls(GetDeploymentCommand)) {
      await expect(sentWith(call)).resolves.toMatchObject({
        accessKeyId: `ASIA-preflight-rollback-${PROD_ACCOUNT}-preflight-prod`,
      });
    }
    expect(historyEvent('rollback')).toMatchObject({
      succeeded: true,
      account: PROD_ACCOUNT,
      region: 'eu-west-1',
    });
  });

  it('refuses to stop a deployment of another service’s deployment group, in the same account', async () => {
    metricsFrom(breaking('errors', 200));
    // The pipeline of billing names a deployment of orders.
    codedeploy
      .on(GetDeploymentCommand)
      .resolves({ deploymentInfo: { deploymentId: DEPLOYMENT, ...group('orders') } });

    const run = await watch(machine, input('billing', 'prod'));

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(codedeploy).not.toHaveReceivedCommand(StopDeploymentCommand);
    expect(historyEvent('rollback')).toMatchObject({
      succeeded: false,
      detail: `refused to stop CodeDeploy deployment ${DEPLOYMENT}: it belongs to orders/orders-prod, not to a configured deployment group (billing/billing-prod); nothing was stopped`,
    });
  });
});

describe('watch state machine: an environment whose role cannot be assumed', () => {
  it('never rolls back: every trigger is a provider error naming the role, the watch escalates and ends INCONCLUSIVE', async () => {
    // Were the metrics read, they would roll back.
    metricsFrom(breaking('errors', 200));

    const run = await watch(machine, input('orders', 'locked'));

    expect(run.error).toBeUndefined();
    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(cloudwatch).not.toHaveReceivedCommand(GetMetricDataCommand);
    expect(rollbackCalls()).toBe(0);
    expect(sts).not.toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: `arn:aws:iam::${LOCKED_ACCOUNT}:role/preflight-rollback`,
    });
    expect(messages(run).email).toContain(
      `the metrics of environment "locked" could not be read: could not assume arn:aws:iam::${LOCKED_ACCOUNT}:role/preflight-audit`,
    );
    expect(run.published.map((p) => p.attributes)).toContainEqual({
      verdict: { DataType: 'String', StringValue: 'ERROR' },
    });
  });
});

describe('watch state machine: input against the configuration', () => {
  it.each([
    ['fill the templates with another service’s values', { values: { loadBalancer: 'app/billing/2' } }],
    ['map the metrics itself', { metrics: { errors: TEMPLATES.errors } }],
    ['name another account', { account: '999999999999' }],
  ])(
    'refuses an input that would %s: the watch of a service reads its configured metrics only',
    async (_, extra) => {
      metricsFrom(HEALTHY);

      const run = await watch(machine, { ...input('orders', 'prod'), ...extra });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(/not accepted in the input|unknown field account/);
      expect(cloudwatch).not.toHaveReceivedCommand(GetMetricDataCommand);
      expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
    },
  );

  it.each([
    [
      input('ordres', 'prod'),
      'unknown service "ordres"; expected one of orders, billing; did you mean "orders"?',
    ],
    [
      input('orders', 'staging'),
      'service "orders" is not deployed to "staging"; expected one of prod, locked',
    ],
    [
      input('billing', 'locked'),
      'service "billing" is not deployed to "locked"; expected one of prod, observed',
    ],
  ])('rejects %j before reading any metric', async (bad, message) => {
    metricsFrom(HEALTHY);

    const run = await watch(machine, bad);

    expect(run.error?.name).toBe('InvalidInputError');
    expect(run.error?.cause).toContain(message);
    expect(cloudwatch).not.toHaveReceivedCommand(GetMetricDataCommand);
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
    expect(s3.objects.size).toBe(0);
  });
});
