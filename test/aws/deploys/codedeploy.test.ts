import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deploymentConfig, deploymentGroup } from '../../../lambdas/aws/deploys/codedeploy';
import { AwsCallError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';
import { localClientConfig } from './local-clients';

const GROUP_INFO = {
  applicationName: 'orders',
  deploymentGroupName: 'orders-prod',
  computePlatform: 'ECS',
  deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
  deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
  blueGreenDeploymentConfiguration: {
    terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 60 },
  },
  autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
  alarmConfiguration: { enabled: true, ignorePollAlarmFailure: false, alarms: [{ name: 'orders-5xx' }] },
  ecsServices: [{ serviceName: 'orders', clusterName: 'prod' }],
};

describe('CodeDeploy through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: CodeDeployClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'CodeDeploy_20141006' });
    client = new CodeDeployClient(localClientConfig(endpoint.url));
  });
  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('reads a deployment group: style, original fleet, rollback and alarms', async () => {
    endpoint.script('GetDeploymentGroup', awsJsonReply.ok({ deploymentGroupInfo: GROUP_INFO }));
    expect(await deploymentGroup(client, 'orders', 'orders-prod')).toEqual({
      applicationName: 'orders',
      deploymentGroupName: 'orders-prod',
      computePlatform: 'ECS',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      deploymentType: 'BLUE_GREEN',
      terminateOriginal: { action: 'TERMINATE', waitMinutes: 60 },
      autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarms: { enabled: true, ignorePollAlarmFailure: false, names: ['orders-5xx'] },
      ecsServices: [{ cluster: 'prod', service: 'orders' }],
    });
    expect(endpoint.callsTo('GetDeploymentGroup')[0]?.body).toEqual({
      applicationName: 'orders',
      deploymentGroupName: 'orders-prod',
    });
  });

  it('reads switches the answer leaves out as off', async () => {
    endpoint.script(
      'GetDeploymentGroup',
      awsJsonReply.ok({
        deploymentGroupInfo: { applicationName: 'a', deploymentGroupName: 'b', deploymentConfigName: 'c' },
      }),
    );
    expect(await deploymentGroup(client, 'a', 'b')).toMatchObject({
      autoRollback: { enabled: false, events: [] },
      alarms: { enabled: false, ignorePollAlarmFailure: false, names: [] },
    });
  });

  it.each(['ApplicationDoesNotExistException', 'DeploymentGroupDoesNotExistException'])(
    'gives undefined for a group that is not there (%s)',
    async (code) => {
      endpoint.script('GetDeploymentGroup', awsJsonReply.error(code, 'not there'));
      expect(await deploymentGroup(client, 'a', 'b')).toBeUndefined();
    },
  );

  it('retries throttles, then answers', async () => {
    endpoint.script(
      'GetDeploymentGroup',
      awsJsonReply.throttle(),
      awsJsonReply.ok({ deploymentGroupInfo: GROUP_INFO }),
    );
    expect((await deploymentGroup(client, 'orders', 'orders-prod'))?.deploymentType).toBe('BLUE_GREEN');
    expect(endpoint.callsTo('GetDeploymentGroup')).toHaveLength(2);
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () => endpoint.script('GetDeploymentGroup', awsJsonReply.error('AccessDeniedException', 'no')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () =>
        endpoint.script('GetDeploymentGroup', ...Array.from({ length: 4 }, () => awsJsonReply.throttle())),
      'throttled',
    ],
    [
      'answered without a deployment configuration',
      () =>
        endpoint.script(
          'GetDeploymentGroup',
          awsJsonReply.ok({ deploymentGroupInfo: { applicationName: 'a', deploymentGroupName: 'b' } }),
        ),
      'malformed-response',
    ],
  ])('fails closed naming codedeploy:GetDeploymentGroup when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await deploymentGroup(client, 'a', 'b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'codedeploy:GetDeploymentGroup', kind });
  });

  it.each<[string, unknown, unknown]>([
    [
      'a canary',
      { type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 } },
      { trafficRouting: { type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 5 } },
    ],
    [
      'a linear step',
      { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 20, linearInterval: 2 } },
      { trafficRouting: { type: 'TimeBasedLinear', percentage: 20, intervalMinutes: 2 } },
    ],
    ['all at once', { type: 'AllAtOnce' }, { trafficRouting: { type: 'AllAtOnce' } }],
  ])('reads a deployment configuration: %s', async (_case, trafficRoutingConfig, expected) => {
    endpoint.script(
      'GetDeploymentConfig',
      awsJsonReply.ok({ deploymentConfigInfo: { deploymentConfigName: 'cfg', trafficRoutingConfig } }),
    );
    expect(await deploymentConfig(client, 'cfg')).toEqual({ name: 'cfg', ...(expected as object) });
  });

  it('reads an EC2 configuration by its minimum of healthy hosts', async () => {
    endpoint.script(
      'GetDeploymentConfig',
      awsJsonReply.ok({
        deploymentConfigInfo: {
          deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
          minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 },
        },
      }),
    );
    expect(await deploymentConfig(client, 'CodeDeployDefault.AllAtOnce')).toEqual({
      name: 'CodeDeployDefault.AllAtOnce',
      minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 },
    });
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () => endpoint.script('GetDeploymentConfig', awsJsonReply.error('AccessDeniedException', 'no')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () =>
        endpoint.script('GetDeploymentConfig', ...Array.from({ length: 4 }, () => awsJsonReply.throttle())),
      'throttled',
    ],
    [
      'answered without the configuration',
      () => endpoint.script('GetDeploymentConfig', awsJsonReply.ok({})),
      'malformed-response',
    ],
  ])('fails closed naming codedeploy:GetDeploymentConfig when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await deploymentConfig(client, 'cfg').catch((e: unknown) => e);
    expect(error).toMatchObject({ action: 'codedeploy:GetDeploymentConfig', kind });
  });
});
