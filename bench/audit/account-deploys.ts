import { pick, seededRandom } from '../support/random';
import { ACCOUNT_ID, type Json, NOW, REGION } from './account';

/*
 * The deployment side of the synthetic account: CodeDeploy deployment groups (the audit is
 * configured with their names), ECS clusters and services, `live` aliases of some functions, and
 * SSM Automation runs of rollback documents and of other documents. Drawn from a seed of their own,
 * so the rest of the account stays as it was.
 */

const DAY = 86_400_000;
const CONFIGS = [
  'CodeDeployDefault.ECSCanary10Percent5Minutes',
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
  'CodeDeployDefault.ECSAllAtOnce',
  'CodeDeployDefault.LambdaCanary10Percent5Minutes',
  'CodeDeployDefault.HalfAtATime',
  'CodeDeployDefault.AllAtOnce',
];

/** The deployment configurations CodeDeploy predefines, as GetDeploymentConfig answers them. */
export const DEPLOYMENT_CONFIGS: ReadonlyMap<string, Json> = new Map<string, Json>(
  [
    [
      'CodeDeployDefault.ECSCanary10Percent5Minutes',
      {
        computePlatform: 'ECS',
        trafficRoutingConfig: {
          type: 'TimeBasedCanary',
          timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
        },
      },
    ],
    [
      'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      {
        computePlatform: 'ECS',
        trafficRoutingConfig: {
          type: 'TimeBasedLinear',
          timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
        },
      },
    ],
    [
      'CodeDeployDefault.ECSAllAtOnce',
      { computePlatform: 'ECS', trafficRoutingConfig: { type: 'AllAtOnce' } },
    ],
    [
      'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      {
        computePlatform: 'Lambda',
        trafficRoutingConfig: {
          type: 'TimeBasedCanary',
          timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
        },
      },
    ],
    [
      'CodeDeployDefault.HalfAtATime',
      { computePlatform: 'Server', minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 } },
    ],
    [
      'CodeDeployDefault.AllAtOnce',
      { computePlatform: 'Server', minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 } },
    ],
  ].map(([name, info]) => [name as string, { deploymentConfigName: name, ...(info as Json) }]),
);

/** How many of each deployment resource. */
export interface DeploysSize {
  readonly deploymentGroups: number;
  readonly ecsClusters: number;
  readonly ecsServices: number;
  readonly rollbackDocuments: number;
  readonly automationRuns: number;
}

export interface SyntheticDeploys {
  /** `application/group` → GetDeploymentGroup's deploymentGroupInfo. */
  readonly groups: ReadonlyMap<string, Json>;
  /** Cluster ARN → DescribeServices' entries of its services. */
  readonly clusters: ReadonlyMap<string, readonly Json[]>;
  /** Function name → GetAlias' answer for `live`. */
  readonly aliases: ReadonlyMap<string, Json>;
  /** DescribeAutomationExecutions' entries, newest first. */
  readonly runs: readonly Json[];
}

/** The deployment groups the audit is configured with (checks.deployment-strategy.deploymentGroups). */
export const deploymentGroupNames = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    applicationName: `app-${i}`,
    deploymentGroupName: `app-${i}-prod`,
  }));

/** The rollback documents the audit is configured with (checks.rollback-tested.documents). */
export const rollbackDocuments = (count: number) =>
  Array.from({ length: count }, (_, i) => `svc-${i}-rollback`);

export function syntheticDeploys(
  size: DeploysSize,
  functions: readonly Json[],
  alarmNames: readonly string[],
  seed = 11,
): SyntheticDeploys {
  const random = seededRandom(seed);
  const groups = new Map(
    deploymentGroupNames(size.deploymentGroups).map(({ applicationName, deploymentGroupName }) => {
      const config = pick(random, CONFIGS);
      const platform = (DEPLOYMENT_CONFIGS.get(config)?.computePlatform as string) ?? 'Server';
      const blueGreen = platform !== 'Server' || random() < 0.6;
      return [
        `${applicationName}/${deploymentGroupName}`,
        {
          applicationName,
          deploymentGroupName,
          computePlatform: platform,
          deploymentConfigName: config,
          deploymentStyle: {
            deploymentType: blueGreen ? 'BLUE_GREEN' : 'IN_PLACE',
            deploymentOption: 'WITH_TRAFFIC_CONTROL',
          },
          ...(blueGreen && platform !== 'Lambda'
            ? {
                blueGreenDeploymentConfiguration: {
                  terminateBlueInstancesOnDeploymentSuccess: {
                    action: 'TERMINATE',
                    terminationWaitTimeInMinutes: pick(random, [5, 60, 120]),
                  },
                },
              }
            : {}),
          autoRollbackConfiguration: {
            enabled: random() < 0.9,
            events:
              random() < 0.7 ? ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] : ['DEPLOYMENT_FAILURE'],
          },
          alarmConfiguration: {
            enabled: random() < 0.8,
            ignorePollAlarmFailure: random() < 0.1,
            alarms: [{ name: pick(random, alarmNames) }, { name: pick(random, alarmNames) }],
          },
          ecsServices: [],
        },
      ];
    }),
  );
  const clusters = new Map<string, Json[]>();
  for (let i = 0; i < size.ecsServices; i += 1) {
    const cluster = `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:cluster/cluster-${i % size.ecsClusters}`;
    const name = `svc-${i}`;
    const controller = random() < 0.2 ? 'CODE_DEPLOY' : 'ECS';
    clusters.set(cluster, [
      ...(clusters.get(cluster) ?? []),
      {
        serviceArn: `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:service/cluster-${i % size.ecsClusters}/${name}`,
        serviceName: name,
        clusterArn: cluster,
        deploymentController: { type: controller },
        deploymentConfiguration: {
          maximumPercent: 200,
          minimumHealthyPercent: 100,
          deploymentCircuitBreaker: { enable: random() < 0.7, rollback: random() < 0.6 },
          ...(random() < 0.5
            ? { alarms: { alarmNames: [pick(random, alarmNames)], enable: true, rollback: random() < 0.8 } }
            : {}),
        },
      },
    ]);
  }
  const aliases = new Map(
    functions
      .filter(() => random() < 0.25)
      .map((fn) => [
        fn.FunctionName as string,
        {
          AliasArn: `${String(fn.FunctionArn)}:live`,
          Name: 'live',
          FunctionVersion: random() < 0.05 ? '$LATEST' : String(1 + Math.floor(random() * 40)),
          ...(random() < 0.05 ? { RoutingConfig: { AdditionalVersionWeights: { '41': 0.1 } } } : {}),
        },
      ]),
  );
  const documents = rollbackDocuments(size.rollbackDocuments);
  const runs = Array.from({ length: size.automationRuns }, (_, i) => {
    // Most runs are other automations (patching, restarts); one in five is a rollback document's.
    const document =
      random() < 0.2
        ? pick(random, documents)
        : pick(random, ['AWS-RestartEC2Instance', 'AWS-PatchInstanceWithRollback', 'svc-rollback-drill']);
    const started = new Date(NOW.getTime() - random() * 365 * DAY);
    return {
      AutomationExecutionId: `e-${String(i).padStart(6, '0')}`,
      DocumentName: document,
      AutomationExecutionStatus:
        random() < 0.8 ? 'Success' : pick(random, ['Failed', 'TimedOut', 'Cancelled']),
      ExecutionStartTime: started,
      ExecutionEndTime: new Date(started.getTime() + 10 * 60_000),
    };
  }).sort((a, b) => b.ExecutionStartTime.getTime() - a.ExecutionStartTime.getTime());
  return { groups, clusters, aliases, runs };
}
