import type {
  AutomationExecution,
  DeploymentConfig,
  DeploymentGroup,
  DeploysPorts,
  EcsService,
  LambdaAlias,
} from '../core/checks/deploys/ports';
import { AwsCallError } from '../core/errors';

const DAY = 86_400_000;

/** The predefined deployment configurations the sample's groups use, as CodeDeploy describes them. */
const CONFIGS: Readonly<Record<string, DeploymentConfig>> = {
  'CodeDeployDefault.ECSCanary10Percent5Minutes': {
    name: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    trafficRouting: { type: 'TimeBasedCanary', percentage: 10, intervalMinutes: 5 },
  },
  'CodeDeployDefault.ECSAllAtOnce': {
    name: 'CodeDeployDefault.ECSAllAtOnce',
    trafficRouting: { type: 'AllAtOnce' },
  },
  'CodeDeployDefault.AllAtOnce': {
    name: 'CodeDeployDefault.AllAtOnce',
    minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 },
  },
  'CodeDeployDefault.HalfAtATime': {
    name: 'CodeDeployDefault.HalfAtATime',
    minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 },
  },
};

/** One sample ECS service, in the cluster `prod`. */
export type SampleEcsService = Omit<EcsService, 'arn' | 'clusterArn'>;

/** One sample run of a rollback document, `daysAgo` before now. */
export interface SampleRun {
  readonly document: string;
  readonly status: string;
  readonly daysAgo: number;
  readonly failureMessage?: string;
}

/** What one sample region deploys with, and its rollback documents' runs. */
export interface SampleDeploys {
  readonly groups?: readonly DeploymentGroup[];
  readonly ecsServices?: readonly SampleEcsService[];
  /** Function name → its `live` alias; functions without one have none. */
  readonly functions?: Readonly<Record<string, LambdaAlias | undefined>>;
  readonly runs?: readonly SampleRun[];
}

/** The deploys ports of one sample region. */
export function sampleDeploysPorts(
  location: { readonly region: string; readonly accountId: string },
  estate: SampleDeploys,
  now: Date,
): DeploysPorts {
  const at = `${location.region}:${location.accountId}`;
  const clusterArn = `arn:aws:ecs:${at}:cluster/prod`;
  const services: EcsService[] = (estate.ecsServices ?? []).map((s) => ({
    ...s,
    arn: `arn:aws:ecs:${at}:service/prod/${s.name}`,
    clusterArn,
  }));
  const runs: AutomationExecution[] = (estate.runs ?? []).map((run, index) => ({
    id: `${run.document}-${String(index).padStart(4, '0')}-7f3e`,
    documentName: run.document,
    status: run.status,
    startedAt: new Date(now.getTime() - run.daysAgo * DAY),
    endedAt: new Date(now.getTime() - run.daysAgo * DAY + 9 * 60_000),
    ...(run.failureMessage === undefined ? {} : { failureMessage: run.failureMessage }),
  }));
  return {
    deploymentGroup: async (application, group) =>
      estate.groups?.find((g) => g.applicationName === application && g.deploymentGroupName === group),
    deploymentConfig: async (name) => {
      const config = CONFIGS[name];
      if (config === undefined) {
        throw new AwsCallError(
          'codedeploy:GetDeploymentConfig',
          'other',
          'DeploymentConfigDoesNotExistException',
          name,
        );
      }
      return config;
    },
    listEcsServices: async () => services.map(({ arn, name }) => ({ arn, name, clusterArn })),
    describeEcsServices: async (_cluster, arns) => ({
      services: services.filter((s) => arns.includes(s.arn)),
      failures: [],
    }),
    listFunctions: async () =>
      Object.keys(estate.functions ?? {}).map((name) => ({
        name,
        arn: `arn:aws:lambda:${at}:function:${name}`,
      })),
    alias: async (fn, name) => (name === 'live' ? estate.functions?.[fn] : undefined),
    automationExecutions: async (document, since) =>
      runs.filter(
        (run) => run.documentName === document && (since === undefined || (run.startedAt as Date) >= since),
      ),
  };
}

/** orders-api's ECS deployment group: blue/green, a 10% canary, the original tasks kept an hour, rollback on failure and on its 5xx alarm. */
export const ORDERS_GROUP: DeploymentGroup = {
  applicationName: 'orders-api',
  deploymentGroupName: 'orders-api-prod',
  computePlatform: 'ECS',
  deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
  deploymentType: 'BLUE_GREEN',
  terminateOriginal: { action: 'TERMINATE', waitMinutes: 60 },
  autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
  alarms: { enabled: true, ignorePollAlarmFailure: false, names: ['orders-api-5xx-rate'] },
  ecsServices: [{ cluster: 'prod', service: 'orders-api' }],
};

/** orders-api's ECS service, deployed by its CodeDeploy group. */
export const ORDERS_SERVICE: SampleEcsService = { name: 'orders-api', deploymentController: 'CODE_DEPLOY' };
