/** A CodeDeploy deployment group as GetDeploymentGroup describes it: how it deploys and rolls back. */
export interface DeploymentGroup {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  /** `Server` (EC2/on-premises), `Lambda` or `ECS`. */
  readonly computePlatform?: string;
  readonly deploymentConfigName: string;
  /** `IN_PLACE` or `BLUE_GREEN`; absent is CodeDeploy's default, in place. */
  readonly deploymentType?: string;
  /** What happens to the original fleet after a successful blue/green deployment; absent when not set. */
  readonly terminateOriginal?: {
    /** `TERMINATE` or `KEEP_ALIVE`. */
    readonly action?: string;
    readonly waitMinutes?: number;
  };
  readonly autoRollback: {
    readonly enabled: boolean;
    /** `DEPLOYMENT_FAILURE`, `DEPLOYMENT_STOP_ON_ALARM`, `DEPLOYMENT_STOP_ON_REQUEST`. */
    readonly events: readonly string[];
  };
  readonly alarms: {
    readonly enabled: boolean;
    /** True: a deployment goes on when CloudWatch cannot be asked for the alarms' state. */
    readonly ignorePollAlarmFailure: boolean;
    readonly names: readonly string[];
  };
  /** The ECS services an ECS deployment group deploys. */
  readonly ecsServices: readonly { readonly cluster: string; readonly service: string }[];
}

/** A deployment configuration: how fast traffic or instances move to the new version. */
export interface DeploymentConfig {
  readonly name: string;
  /** Lambda and ECS: `AllAtOnce`, `TimeBasedCanary` or `TimeBasedLinear`, with its step. */
  readonly trafficRouting?: {
    readonly type: string;
    readonly percentage?: number;
    readonly intervalMinutes?: number;
  };
  /** EC2: how many instances must stay healthy (`HOST_COUNT` or `FLEET_PERCENT`); 0 is all at once. */
  readonly minimumHealthyHosts?: { readonly type: string; readonly value: number };
}

/** An ECS service as the service listings name it. */
export interface EcsServiceRef {
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
}

/** An ECS service's deployment settings (DescribeServices). */
export interface EcsService extends EcsServiceRef {
  /** `ECS` (rolling update), `CODE_DEPLOY` or `EXTERNAL`. */
  readonly deploymentController: string;
  /** The deployment circuit breaker; absent when not configured. */
  readonly circuitBreaker?: { readonly enable: boolean; readonly rollback: boolean };
  /** CloudWatch alarms that stop (and with `rollback`, roll back) a deployment; absent when none. */
  readonly alarms?: {
    readonly names: readonly string[];
    readonly enable: boolean;
    readonly rollback: boolean;
  };
}

/** What DescribeServices answered for services of one cluster. */
export interface EcsServicesRead {
  readonly services: readonly EcsService[];
  /**
   * Services that could not be described, each with the failure naming the call and the service;
   * a service deleted since the listing is in neither list.
   */
  readonly failures: readonly { readonly arn: string; readonly error: Error }[];
}

/** A Lambda function as the function listing names it. */
export interface LambdaFunctionRef {
  readonly name: string;
  readonly arn: string;
}

/** A Lambda alias: the version it serves and any traffic split to another version. */
export interface LambdaAlias {
  readonly name: string;
  /** A version number, or `$LATEST`. */
  readonly functionVersion: string;
  /** Version → share of traffic (0-1) sent to it instead of `functionVersion`. */
  readonly additionalWeights: Readonly<Record<string, number>>;
}

/** One run of an SSM Automation document. */
export interface AutomationExecution {
  readonly id: string;
  readonly documentName: string;
  /** `Success`, `Failed`, `TimedOut`, `Cancelled`, `InProgress`, … */
  readonly status: string;
  readonly startedAt?: Date;
  readonly endedAt?: Date;
  readonly failureMessage?: string;
}

/**
 * What the deploys checks read from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface DeploysPorts {
  /** One deployment group; `undefined` when the application or the group does not exist. */
  deploymentGroup(applicationName: string, deploymentGroupName: string): Promise<DeploymentGroup | undefined>;
  /** One deployment configuration, the predefined `CodeDeployDefault.*` ones included. */
  deploymentConfig(name: string): Promise<DeploymentConfig>;
  /** Every ECS service of every cluster of the region. */
  listEcsServices(): Promise<EcsServiceRef[]>;
  /** The deployment settings of services of one cluster (any number: read ten to a call). */
  describeEcsServices(clusterArn: string, serviceArns: readonly string[]): Promise<EcsServicesRead>;
  /** Every Lambda function of the region. */
  listFunctions(): Promise<LambdaFunctionRef[]>;
  /** One alias of a function; `undefined` when the function has no such alias. */
  alias(functionName: string, aliasName: string): Promise<LambdaAlias | undefined>;
  /** The runs of one Automation document started at or after `since`. */
  automationExecutions(documentName: string, since?: Date): Promise<AutomationExecution[]>;
}
