import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmsPorts } from '../../../../lambdas/core/checks/alarms/ports';
import { deploysChecks } from '../../../../lambdas/core/checks/deploys/definitions';
import type {
  DeploymentGroup,
  DeploysPorts,
  EcsService,
} from '../../../../lambdas/core/checks/deploys/ports';
import { runCheck } from '../../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { validateConfig } from '../../../../lambdas/core/config/validate';
import { AwsCallError } from '../../../../lambdas/core/errors';
import { resourceTypeOfArn } from '../../../../lambdas/core/scope/arn';
import type { ScopePorts } from '../../../../lambdas/core/scope/ports';
import type { ScopeResourceType } from '../../../../lambdas/core/scope/types';
import { resolveTarget } from '../../../../lambdas/core/services/resolve';

const NOW = new Date('2026-03-10T12:00:00Z');
const AT = 'eu-west-1:111122223333';
const CLUSTER = `arn:aws:ecs:${AT}:cluster/prod`;
const serviceArn = (name: string) => `arn:aws:ecs:${AT}:service/prod/${name}`;
const fnArn = (name: string) => `arn:aws:lambda:${AT}:function:${name}`;
const TOPIC = `arn:aws:sns:${AT}:ops`;

const GROUP: DeploymentGroup = {
  applicationName: 'orders',
  deploymentGroupName: 'orders-prod',
  computePlatform: 'ECS',
  deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
  deploymentType: 'BLUE_GREEN',
  terminateOriginal: { action: 'TERMINATE', waitMinutes: 60 },
  autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
  alarms: { enabled: true, ignorePollAlarmFailure: false, names: ['orders-5xx'] },
  ecsServices: [{ cluster: 'prod', service: 'orders' }],
};
const ALARM: Alarm = {
  kind: 'metric',
  name: 'orders-5xx',
  arn: `arn:aws:cloudwatch:${AT}:alarm:orders-5xx`,
  actionsEnabled: true,
  alarmActions: [TOPIC],
  state: 'OK',
  treatMissingData: 'breaching',
  metrics: [{ namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count' }],
};
const SERVICES: EcsService[] = [
  { arn: serviceArn('orders'), name: 'orders', clusterArn: CLUSTER, deploymentController: 'CODE_DEPLOY' },
  {
    arn: serviceArn('search'),
    name: 'search',
    clusterArn: CLUSTER,
    deploymentController: 'ECS',
    circuitBreaker: { enable: false, rollback: false },
  },
];

interface Calls {
  described: string[];
  aliases: string[];
}

function deploysPorts(calls: Calls, change: Partial<DeploysPorts> = {}): DeploysPorts {
  return {
    deploymentGroup: async (app, group) =>
      app === GROUP.applicationName && group === GROUP.deploymentGroupName ? GROUP : undefined,
    deploymentConfig: async (name) => ({
      name,
      trafficRouting: { type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 5 },
    }),
    listEcsServices: async () => SERVICES.map(({ arn, name, clusterArn }) => ({ arn, name, clusterArn })),
    describeEcsServices: async (_cluster, arns) => {
      calls.described.push(...arns);
      return { services: SERVICES.filter((s) => arns.includes(s.arn)), failures: [] };
    },
    listFunctions: async () => [
      { name: 'receipts', arn: fnArn('receipts') },
      { name: 'search-indexer', arn: fnArn('search-indexer') },
    ],
    alias: async (fn) => {
      calls.aliases.push(fn);
      return { name: 'live', functionVersion: '3', additionalWeights: {} };
    },
    automationExecutions: async () => [],
    ...change,
  };
}

const alarmsPorts = (change: Partial<AlarmsPorts> = {}): AlarmsPorts => ({
  listAlarms: async () => [ALARM],
  topicSubscriptions: async () => ({ exists: true, confirmed: 1, pending: 0, kmsMasterKeyId: null }),
  ...change,
});

function account(deploys: DeploysPorts, alarms: AlarmsPorts, tagged: string[]): AccountPorts {
  const scope: ScopePorts = {
    resourcesWithTags: async (_tags, types) =>
      tagged.filter((arn) => types.includes(resourceTypeOfArn(arn) as ScopeResourceType)),
    stackResources: async () => undefined,
    location: async () => ({ partition: 'aws', accountId: '111122223333', region: 'eu-west-1' }),
  };
  return { deploys, alarms, scope } as unknown as AccountPorts;
}

const CONFIG = validateConfig({
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: {
    orders: {
      environments: ['prod'],
      resources: { tags: { service: 'orders' } },
      // The watch's rollback names the deployment group the check judges.
      watch: {
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
        },
      },
    },
    search: { environments: ['prod'], resources: { tags: { service: 'search' } } },
    quiet: { environments: ['prod'], resources: { tags: { service: 'quiet' } } },
  },
});

describe('the deployment-strategy check', () => {
  it('asks for exactly the calls its adapters make, the rollback alarms and the scope', () => {
    expect(deploysChecks['deployment-strategy'].permissions).toEqual([
      'codedeploy:GetDeploymentGroup',
      'codedeploy:GetDeploymentConfig',
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:DescribeServices',
      'lambda:ListFunctions',
      'lambda:GetAlias',
      'cloudwatch:DescribeAlarms',
      'sns:ListSubscriptionsByTopic',
      'sns:GetTopicAttributes',
      'kms:DescribeKey',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it("takes the service's deployment groups from its watch rollback, unless its checks name their own", () => {
    expect(
      resolveTarget(CONFIG, { service: 'orders', environment: 'prod' }).checks['deployment-strategy']
        .deploymentGroups,
    ).toEqual([{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }]);
    const own = validateConfig({
      environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
      services: {
        orders: {
          environments: ['prod'],
          resources: { tags: { service: 'orders' } },
          checks: {
            'deployment-strategy': { deploymentGroups: [{ applicationName: 'a', deploymentGroupName: 'b' }] },
          },
          watch: {
            rollback: {
              action: 'codedeploy',
              deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
            },
          },
        },
      },
    });
    expect(
      resolveTarget(own, { service: 'orders', environment: 'prod' }).checks['deployment-strategy']
        .deploymentGroups,
    ).toEqual([{ applicationName: 'a', deploymentGroupName: 'b' }]);
  });

  it("judges the service's group, ECS services and aliases only, and passes a healthy service", async () => {
    const calls: Calls = { described: [], aliases: [] };
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const ports = account(deploysPorts(calls), alarmsPorts(), [serviceArn('orders'), fnArn('receipts')]);
    const result = await runCheck('deployment-strategy', ports, CONFIG, NOW, { target });
    expect(result.findings.map((f) => [f.rule, f.status])).toEqual([
      ['blue-green', 'PASS'],
      ['traffic-shift', 'PASS'],
      ['original-kept', 'PASS'],
      ['auto-rollback', 'PASS'],
      ['rollback-alarms', 'PASS'],
      ['circuit-breaker', 'PASS'],
      // Its function is deployed through `live`, and no Lambda group shifts it: all at once.
      ['lambda-alias', 'WARN'],
    ]);
    expect(result.findings[0]?.resource).toBe(
      'arn:aws:codedeploy:eu-west-1:111122223333:deploymentgroup:orders/orders-prod',
    );
    // Another service's ECS service and function are never described.
    expect(calls.described).toEqual([serviceArn('orders')]);
    expect(calls.aliases).toEqual(['receipts']);
  });

  it("fails another service's ECS service without circuit breaker or rollback alarms", async () => {
    const calls: Calls = { described: [], aliases: [] };
    const target = resolveTarget(CONFIG, { service: 'search', environment: 'prod' });
    const ports = account(deploysPorts(calls), alarmsPorts(), [serviceArn('search')]);
    const result = await runCheck('deployment-strategy', ports, CONFIG, NOW, { target });
    expect(result.findings.map((f) => [f.rule, f.resource, f.status])).toEqual([
      ['circuit-breaker', serviceArn('search'), 'FAIL'],
      ['rollback-alarms', serviceArn('search'), 'FAIL'],
    ]);
  });

  it('warns, never passes, for a service with no deployment group, ECS service or aliased function', async () => {
    const calls: Calls = { described: [], aliases: [] };
    const target = resolveTarget(CONFIG, { service: 'quiet', environment: 'prod' });
    const ports = account(deploysPorts(calls), alarmsPorts(), []);
    const result = await runCheck('deployment-strategy', ports, CONFIG, NOW, { target });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'scope', status: 'WARN' })]);
  });

  it('is SKIPPED for the whole account with nothing to judge, as every check with nothing in scope', async () => {
    const calls: Calls = { described: [], aliases: [] };
    const empty = deploysPorts(calls, { listEcsServices: async () => [], listFunctions: async () => [] });
    const result = await runCheck(
      'deployment-strategy',
      account(empty, alarmsPorts(), []),
      validateConfig({}),
      NOW,
    );
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'scope', status: 'SKIPPED' })]);
  });

  it('reports ERROR for the rollback alarms alone when the alarms cannot be listed', async () => {
    const calls: Calls = { described: [], aliases: [] };
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const deniedAlarms = alarmsPorts({
      listAlarms: async () => {
        throw new AwsCallError('cloudwatch:DescribeAlarms', 'access-denied', 'AccessDenied', 'no');
      },
    });
    const ports = account(deploysPorts(calls), deniedAlarms, [serviceArn('orders')]);
    const result = await runCheck('deployment-strategy', ports, CONFIG, NOW, { target });
    const byRule = Object.fromEntries(result.findings.map((f) => [f.rule, f.status]));
    expect(byRule).toMatchObject({
      'blue-green': 'PASS',
      'traffic-shift': 'PASS',
      'auto-rollback': 'PASS',
      'rollback-alarms': 'ERROR',
      'circuit-breaker': 'PASS',
    });
    expect(result.findings.find((f) => f.rule === 'rollback-alarms')?.message).toContain(
      'cloudwatch:DescribeAlarms',
    );
  });

  it('reports a configured group that does not exist as FAIL, and one that cannot be read as ERROR', async () => {
    const calls: Calls = { described: [], aliases: [] };
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const missing = account(
      deploysPorts(calls, { deploymentGroup: async () => undefined }),
      alarmsPorts(),
      [],
    );
    const gone = await runCheck('deployment-strategy', missing, CONFIG, NOW, { target });
    expect(gone.findings).toEqual([expect.objectContaining({ rule: 'deployment-group', status: 'FAIL' })]);
    const denied = account(
      deploysPorts(calls, {
        deploymentGroup: async () => {
          throw new AwsCallError('codedeploy:GetDeploymentGroup', 'throttled', 'ThrottlingException', 'slow');
        },
      }),
      alarmsPorts(),
      [],
    );
    const unread = await runCheck('deployment-strategy', denied, CONFIG, NOW, { target });
    expect(unread.findings).toEqual([expect.objectContaining({ rule: 'deployment-group', status: 'ERROR' })]);
    expect(unread.findings[0]?.message).toContain('codedeploy:GetDeploymentGroup');
  });

  it('keeps judging the deployment groups when the ECS listing is denied, and says so', async () => {
    const calls: Calls = { described: [], aliases: [] };
    const target = resolveTarget(CONFIG, { service: 'orders', environment: 'prod' });
    const ports = account(
      deploysPorts(calls, {
        listEcsServices: async () => {
          throw new AwsCallError('ecs:ListClusters', 'access-denied', 'AccessDeniedException', 'no');
        },
      }),
      alarmsPorts(),
      [fnArn('receipts')],
    );
    const result = await runCheck('deployment-strategy', ports, CONFIG, NOW, { target });
    const ecs = result.findings.find((f) => f.rule === 'circuit-breaker');
    expect(ecs).toMatchObject({ status: 'ERROR', resource: '*' });
    expect(result.findings.filter((f) => f.rule === 'blue-green')).toHaveLength(1);
  });
});
