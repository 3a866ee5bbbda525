import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../../../lambdas/core/checks/alarms/rule-result';
import type {
  DeploymentConfig,
  DeploymentGroup,
  EcsService,
} from '../../../../lambdas/core/checks/deploys/ports';
import { judgeAutoRollback } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/auto-rollback';
import { judgeBlueGreen } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/blue-green';
import { judgeCircuitBreaker } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/circuit-breaker';
import { judgeLambdaAlias } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/lambda-alias';
import { judgeOriginalKept } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/original-kept';
import {
  type AlarmWiring,
  judgeRollbackAlarms,
} from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/rollback-alarms';
import { judgeNothingToJudge } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/scope';
import { judgeTrafficShift } from '../../../../lambdas/core/checks/deploys/rules/deployment-strategy/traffic-shift';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import { AwsCallError } from '../../../../lambdas/core/errors';

const ARN = 'arn:aws:codedeploy:eu-west-1:111122223333:deploymentgroup:orders/orders-prod';
const SETTINGS = { blueGreen: true, gradualTraffic: true, keepOriginalMinutes: 60 };
const ECS_GROUP: DeploymentGroup = {
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
const SERVER_GROUP: DeploymentGroup = {
  ...ECS_GROUP,
  computePlatform: 'Server',
  deploymentConfigName: 'CodeDeployDefault.HalfAtATime',
  ecsServices: [],
};
const LAMBDA_GROUP: DeploymentGroup = {
  ...ECS_GROUP,
  computePlatform: 'Lambda',
  deploymentType: 'BLUE_GREEN',
};
const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no');

describe('blue-green', () => {
  it.each<[string, Partial<DeploymentGroup>, Partial<typeof SETTINGS>, string]>([
    ['an ECS group', {}, {}, 'PASS'],
    ['a Lambda group', { computePlatform: 'Lambda' }, {}, 'PASS'],
    ['an EC2 group, blue/green', { computePlatform: 'Server' }, {}, 'PASS'],
    ['an EC2 group in place', { computePlatform: 'Server', deploymentType: 'IN_PLACE' }, {}, 'FAIL'],
    [
      'an EC2 group that says nothing (CodeDeploy: in place)',
      { computePlatform: 'Server', deploymentType: undefined },
      {},
      'FAIL',
    ],
    [
      'in place, allowed for the service',
      { computePlatform: 'Server', deploymentType: 'IN_PLACE' },
      { blueGreen: false },
      'PASS',
    ],
  ])('%s: %s', (_case, change, settings, status) => {
    const group = { ...ECS_GROUP, ...change } as DeploymentGroup;
    expect(judgeBlueGreen(ARN, group, { ...SETTINGS, ...settings })).toMatchObject({
      checkId: 'deployment-strategy',
      rule: 'blue-green',
      resource: ARN,
      status,
    });
  });
});

describe('traffic-shift', () => {
  const config = (c: Partial<DeploymentConfig>): DeploymentConfig => ({ name: 'cfg', ...c });
  it.each<[string, DeploymentGroup, DeploymentConfig, boolean, string, RegExp]>([
    [
      'ECS canary',
      ECS_GROUP,
      config({ trafficRouting: { type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 5 } }),
      true,
      'PASS',
      /canary: 10% first, the rest after 5 min/,
    ],
    [
      'Lambda linear',
      LAMBDA_GROUP,
      config({ trafficRouting: { type: 'TimeBasedLinear', percentage: 10, intervalMinutes: 1 } }),
      true,
      'PASS',
      /linear: 10% more every 1 min/,
    ],
    [
      'ECS all at once',
      ECS_GROUP,
      config({ trafficRouting: { type: 'AllAtOnce' } }),
      true,
      'FAIL',
      /all traffic at once/,
    ],
    [
      'ECS all at once, allowed',
      ECS_GROUP,
      config({ trafficRouting: { type: 'AllAtOnce' } }),
      false,
      'PASS',
      /gradualTraffic: false/,
    ],
    [
      'EC2 half at a time',
      SERVER_GROUP,
      config({ minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 } }),
      true,
      'PASS',
      /keeping 50% of the fleet healthy/,
    ],
    [
      'EC2 all at once',
      SERVER_GROUP,
      config({ minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 } }),
      true,
      'FAIL',
      /every instance at once/,
    ],
    ['a configuration that says nothing', ECS_GROUP, config({}), true, 'WARN', /Could not tell/],
  ])('%s', (_case, group, cfg, gradualTraffic, status, message) => {
    const finding = judgeTrafficShift(ARN, group, succeeded(cfg), { gradualTraffic });
    expect(finding).toMatchObject({ rule: 'traffic-shift', status });
    expect(finding.message).toMatch(message);
  });

  it('is ERROR naming the call when the configuration could not be read', () => {
    const finding = judgeTrafficShift(
      ARN,
      ECS_GROUP,
      { ok: false, error: denied('codedeploy:GetDeploymentConfig') },
      { gradualTraffic: true },
    );
    expect(finding).toMatchObject({ status: 'ERROR', evidence: { code: 'AccessDeniedException' } });
    expect(finding.message).toContain('codedeploy:GetDeploymentConfig');
  });
});

describe('original-kept', () => {
  it.each<[string, Partial<DeploymentGroup>, Partial<typeof SETTINGS>, string]>([
    ['kept exactly the window', {}, {}, 'PASS'],
    ['kept alive', { terminateOriginal: { action: 'KEEP_ALIVE' } }, {}, 'PASS'],
    ['terminated too soon', { terminateOriginal: { action: 'TERMINATE', waitMinutes: 5 } }, {}, 'FAIL'],
    ['terminated at once (no wait given)', { terminateOriginal: { action: 'TERMINATE' } }, {}, 'FAIL'],
    ['nothing said about the original fleet', { terminateOriginal: undefined }, {}, 'FAIL'],
    ['a longer window asked for', {}, { keepOriginalMinutes: 120 }, 'FAIL'],
    [
      'a Lambda group (versions stay)',
      { computePlatform: 'Lambda', terminateOriginal: undefined },
      {},
      'PASS',
    ],
    ['EC2 in place', { computePlatform: 'Server', deploymentType: 'IN_PLACE' }, {}, 'FAIL'],
    [
      'EC2 in place, allowed',
      { computePlatform: 'Server', deploymentType: 'IN_PLACE' },
      { blueGreen: false },
      'WARN',
    ],
  ])('%s: %s', (_case, change, settings, status) => {
    const group = { ...ECS_GROUP, ...change } as DeploymentGroup;
    expect(judgeOriginalKept(ARN, group, { ...SETTINGS, ...settings })).toMatchObject({
      rule: 'original-kept',
      status,
    });
  });
});

describe('auto-rollback', () => {
  it.each<[string, DeploymentGroup['autoRollback'], string, RegExp]>([
    [
      'both events',
      { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      'PASS',
      /fails and when an alarm stops it/,
    ],
    [
      'failure only',
      { enabled: true, events: ['DEPLOYMENT_FAILURE'] },
      'FAIL',
      /on DEPLOYMENT_STOP_ON_ALARM/,
    ],
    ['alarm only', { enabled: true, events: ['DEPLOYMENT_STOP_ON_ALARM'] }, 'FAIL', /on DEPLOYMENT_FAILURE/],
    [
      'turned off, events kept',
      { enabled: false, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      'FAIL',
      /turned off/,
    ],
  ])('%s', (_case, autoRollback, status, message) => {
    const finding = judgeAutoRollback(ARN, { ...ECS_GROUP, autoRollback });
    expect(finding).toMatchObject({ rule: 'auto-rollback', status });
    expect(finding.message).toMatch(message);
  });
});

describe('rollback-alarms', () => {
  const WIRED: AlarmWiring = {
    label: 'orders/orders-prod',
    stopsOnAlarm: true,
    rollsBackOnAlarm: true,
    alarmNames: ['orders-5xx'],
    ignorePollAlarmFailure: false,
    fix: 'wire them',
  };
  const pass = (rule: RuleResult['rule']): RuleResult => ({
    rule,
    status: 'PASS',
    message: 'ok',
    evidence: {},
  });
  const healthy = succeeded((name: string) =>
    name === 'orders-5xx' ? [pass('actions'), pass('state'), pass('missing-data')] : undefined,
  );
  const withProblem = (problem: RuleResult) =>
    succeeded((name: string) => (name === 'orders-5xx' ? [pass('actions'), problem] : undefined));

  it.each<[string, Partial<AlarmWiring>, Parameters<typeof judgeRollbackAlarms>[2], string, RegExp]>([
    ['wired, each alarm sound', {}, healthy, 'PASS', /stopped and rolled back by orders-5xx/],
    ['no alarm named', { alarmNames: [] }, healthy, 'FAIL', /no alarm stops its deployments/],
    ['alarms turned off', { stopsOnAlarm: false }, healthy, 'FAIL', /no alarm stops its deployments/],
    ['stops without rolling back', { rollsBackOnAlarm: false }, healthy, 'FAIL', /does not roll them back/],
    [
      'an alarm that does not exist',
      { alarmNames: ['orders-5xx', 'orders-gone'] },
      healthy,
      'FAIL',
      /orders-gone does not exist/,
    ],
    ['ignores a failed poll', { ignorePollAlarmFailure: true }, healthy, 'WARN', /ignorePollAlarmFailure/],
    [
      'an alarm that notifies nobody (the alarms rule)',
      {},
      withProblem({
        rule: 'actions',
        status: 'FAIL',
        message: 'Has no ALARM action: it notifies nobody.',
        evidence: {},
      }),
      'FAIL',
      /orders-5xx: Has no ALARM action/,
    ],
    [
      'an alarm stuck without data (the alarms rule)',
      {},
      withProblem({
        rule: 'state',
        status: 'WARN',
        message: 'Stuck in INSUFFICIENT_DATA for 30 h',
        evidence: {},
      }),
      'WARN',
      /Stuck in INSUFFICIENT_DATA/,
    ],
    [
      'the alarms could not be read',
      {},
      { ok: false, error: denied('cloudwatch:DescribeAlarms') },
      'ERROR',
      /cloudwatch:DescribeAlarms/,
    ],
  ])('%s', (_case, change, verdicts, status, message) => {
    const finding = judgeRollbackAlarms(ARN, { ...WIRED, ...change }, verdicts);
    expect(finding).toMatchObject({ rule: 'rollback-alarms', status });
    expect(finding.message).toMatch(message);
  });
});

describe('circuit-breaker', () => {
  const SERVICE: EcsService = {
    arn: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/orders',
    name: 'orders',
    clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
    deploymentController: 'ECS',
    circuitBreaker: { enable: true, rollback: true },
  };
  const none = { groupOf: () => undefined };
  it.each<[string, Partial<EcsService>, { groupOf: () => string | undefined }, string]>([
    ['breaker with rollback', {}, none, 'PASS'],
    ['breaker without rollback', { circuitBreaker: { enable: true, rollback: false } }, none, 'FAIL'],
    ['no breaker', { circuitBreaker: undefined }, none, 'FAIL'],
    ['breaker off, rollback on', { circuitBreaker: { enable: false, rollback: true } }, none, 'FAIL'],
    [
      'CodeDeploy, through a configured group',
      { deploymentController: 'CODE_DEPLOY' },
      { groupOf: () => 'orders/orders-prod' },
      'PASS',
    ],
    ['CodeDeploy, through a group nobody named', { deploymentController: 'CODE_DEPLOY' }, none, 'WARN'],
    ['an external controller', { deploymentController: 'EXTERNAL' }, none, 'WARN'],
  ])('%s', (_case, change, cover, status) => {
    expect(judgeCircuitBreaker({ ...SERVICE, ...change } as EcsService, cover)).toMatchObject({
      rule: 'circuit-breaker',
      resource: SERVICE.arn,
      status,
    });
  });
});

describe('lambda-alias', () => {
  const FN = { name: 'receipts', arn: 'arn:aws:lambda:eu-west-1:111122223333:function:receipts' };
  const context = { aliasName: 'live', gradualTraffic: true, lambdaGroupConfigured: true };
  it.each<[string, Parameters<typeof judgeLambdaAlias>[1], Partial<typeof context>, string | undefined]>([
    [
      'a published version, all traffic',
      succeeded({ name: 'live', functionVersion: '7', additionalWeights: {} }),
      {},
      'PASS',
    ],
    ['$LATEST', succeeded({ name: 'live', functionVersion: '$LATEST', additionalWeights: {} }), {}, 'FAIL'],
    [
      'a split left on another version',
      succeeded({ name: 'live', functionVersion: '7', additionalWeights: { '8': 0.1 } }),
      {},
      'WARN',
    ],
    [
      'no Lambda group to shift it gradually',
      succeeded({ name: 'live', functionVersion: '7', additionalWeights: {} }),
      { lambdaGroupConfigured: false },
      'WARN',
    ],
    [
      'no Lambda group, all at once allowed',
      succeeded({ name: 'live', functionVersion: '7', additionalWeights: {} }),
      { lambdaGroupConfigured: false, gradualTraffic: false },
      'PASS',
    ],
    ['no such alias: not deployed through one', succeeded(undefined), {}, undefined],
    ['the alias could not be read', { ok: false, error: denied('lambda:GetAlias') }, {}, 'ERROR'],
  ])('%s', (_case, alias, change, status) => {
    expect(judgeLambdaAlias(FN, alias, { ...context, ...change })?.status).toBe(status);
  });
});

describe('scope', () => {
  it('warns, naming what could not be judged, when nothing was found to judge', () => {
    const finding = judgeNothingToJudge({
      deploymentGroups: 0,
      ecsServices: 0,
      aliasedFunctions: 0,
      aliasName: 'live',
    });
    expect(finding).toMatchObject({ rule: 'scope', status: 'WARN' });
    expect(finding?.message).toMatch(
      /no CodeDeploy deployment group is configured, and no ECS service or Lambda function deployed through alias "live"/,
    );
  });
  it.each([
    [{ deploymentGroups: 1, ecsServices: 0, aliasedFunctions: 0 }],
    [{ deploymentGroups: 0, ecsServices: 1, aliasedFunctions: 0 }],
    [{ deploymentGroups: 0, ecsServices: 0, aliasedFunctions: 1 }],
  ])('says nothing once something was judged: %o', (counts) => {
    expect(judgeNothingToJudge({ ...counts, aliasName: 'live' })).toBeUndefined();
  });
});
