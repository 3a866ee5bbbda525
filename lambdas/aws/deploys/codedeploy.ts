import {
  type CodeDeployClient,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  type GetDeploymentGroupCommandOutput,
} from '@aws-sdk/client-codedeploy';
import type { DeploymentConfig, DeploymentGroup } from '../../core/checks/deploys/ports';
import { AwsCallError } from '../../core/errors';
import { callAws } from '../call';
import { required } from '../required';

const GET_DEPLOYMENT_GROUP = 'codedeploy:GetDeploymentGroup';
const GET_DEPLOYMENT_CONFIG = 'codedeploy:GetDeploymentConfig';

/** CodeDeploy's words for an application or group that is not there. */
const DOES_NOT_EXIST = /^(ApplicationDoesNotExist|DeploymentGroupDoesNotExist)Exception$/;

/**
 * One deployment group, read-only: how it deploys (platform, style, configuration), what it does
 * with the original fleet, and when it rolls back. `undefined` when the application or the group
 * does not exist. Absent switches are read as off, so a setting the answer did not give never passes.
 */
export async function deploymentGroup(
  client: CodeDeployClient,
  applicationName: string,
  deploymentGroupName: string,
): Promise<DeploymentGroup | undefined> {
  let answer: GetDeploymentGroupCommandOutput;
  try {
    answer = await callAws(GET_DEPLOYMENT_GROUP, () =>
      client.send(new GetDeploymentGroupCommand({ applicationName, deploymentGroupName })),
    );
  } catch (error) {
    if (error instanceof AwsCallError && DOES_NOT_EXIST.test(error.code)) return undefined;
    throw error;
  }
  const info = required(GET_DEPLOYMENT_GROUP, 'deploymentGroupInfo', answer.deploymentGroupInfo);
  const terminate = info.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess;
  return {
    applicationName: required(
      GET_DEPLOYMENT_GROUP,
      'deploymentGroupInfo.applicationName',
      info.applicationName,
    ),
    deploymentGroupName: required(
      GET_DEPLOYMENT_GROUP,
      'deploymentGroupInfo.deploymentGroupName',
      info.deploymentGroupName,
    ),
    ...(info.computePlatform === undefined ? {} : { computePlatform: info.computePlatform }),
    deploymentConfigName: required(
      GET_DEPLOYMENT_GROUP,
      'deploymentGroupInfo.deploymentConfigName',
      info.deploymentConfigName,
    ),
    ...(info.deploymentStyle?.deploymentType === undefined
      ? {}
      : { deploymentType: info.deploymentStyle.deploymentType }),
    ...(terminate === undefined
      ? {}
      : {
          terminateOriginal: {
            ...(terminate.action === undefined ? {} : { action: terminate.action }),
            ...(terminate.terminationWaitTimeInMinutes === undefined
              ? {}
              : { waitMinutes: terminate.terminationWaitTimeInMinutes }),
          },
        }),
    autoRollback: {
      enabled: info.autoRollbackConfiguration?.enabled === true,
      events: info.autoRollbackConfiguration?.events ?? [],
    },
    alarms: {
      enabled: info.alarmConfiguration?.enabled === true,
      ignorePollAlarmFailure: info.alarmConfiguration?.ignorePollAlarmFailure === true,
      names: (info.alarmConfiguration?.alarms ?? []).flatMap((alarm) =>
        alarm.name === undefined ? [] : [alarm.name],
      ),
    },
    ecsServices: (info.ecsServices ?? []).map((s) => ({
      cluster: required(GET_DEPLOYMENT_GROUP, 'ecsServices[].clusterName', s.clusterName),
      service: required(GET_DEPLOYMENT_GROUP, 'ecsServices[].serviceName', s.serviceName),
    })),
  };
}

/** One deployment configuration, the predefined `CodeDeployDefault.*` ones included. */
export async function deploymentConfig(client: CodeDeployClient, name: string): Promise<DeploymentConfig> {
  const answer = await callAws(GET_DEPLOYMENT_CONFIG, () =>
    client.send(new GetDeploymentConfigCommand({ deploymentConfigName: name })),
  );
  const info = required(GET_DEPLOYMENT_CONFIG, 'deploymentConfigInfo', answer.deploymentConfigInfo);
  const routing = info.trafficRoutingConfig;
  const step =
    routing?.type === 'TimeBasedCanary'
      ? {
          percentage: routing.timeBasedCanary?.canaryPercentage,
          intervalMinutes: routing.timeBasedCanary?.canaryInterval,
        }
      : routing?.type === 'TimeBasedLinear'
        ? {
            percentage: routing.timeBasedLinear?.linearPercentage,
            intervalMinutes: routing.timeBasedLinear?.linearInterval,
          }
        : {};
  const hosts = info.minimumHealthyHosts;
  return {
    name: info.deploymentConfigName ?? name,
    ...(routing?.type === undefined
      ? {}
      : {
          trafficRouting: {
            type: routing.type,
            ...(step.percentage === undefined ? {} : { percentage: step.percentage }),
            ...(step.intervalMinutes === undefined ? {} : { intervalMinutes: step.intervalMinutes }),
          },
        }),
    ...(hosts?.type === undefined || hosts.value === undefined
      ? {}
      : { minimumHealthyHosts: { type: hosts.type, value: hosts.value } }),
  };
}
