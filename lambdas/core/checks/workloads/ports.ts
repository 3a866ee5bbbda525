/** An ECS service as ListServices names it: enough to place it in or out of a service's scope. */
export interface EcsServiceRef {
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
}

/** An ECS service as DescribeServices describes it. */
export interface EcsService extends EcsServiceRef {
  /** The ARN of the task definition its deployment runs. */
  readonly taskDefinitionArn: string;
}

/** A name/value pair of a container's plain `environment`. */
export interface EcsEnvironmentVariable {
  readonly name: string;
  readonly value: string;
}

/** A container's `secrets` entry: the variable and the Secrets Manager secret or SSM parameter it comes from. */
export interface EcsSecretReference {
  readonly name: string;
  readonly valueFrom: string;
}

/** A container definition, as far as the workloads checks read it. */
export interface EcsContainer {
  readonly name: string;
  /** CPU units reserved for the container; absent (or 0) when not set. */
  readonly cpu?: number;
  /** Hard memory limit, MiB. */
  readonly memory?: number;
  /** Soft memory limit, MiB. */
  readonly memoryReservation?: number;
  readonly environment: readonly EcsEnvironmentVariable[];
  readonly secrets: readonly EcsSecretReference[];
}

/** An ECS task definition (DescribeTaskDefinition). */
export interface EcsTaskDefinition {
  readonly arn: string;
  /** `family:revision`. */
  readonly name: string;
  /** `EC2`, `FARGATE`, `EXTERNAL`, `MANAGED_INSTANCES`; empty when the definition names none (EC2). */
  readonly requiresCompatibilities: readonly string[];
  /** Task-level CPU units, as the API gives them (`"256"`, `"1 vCPU"`); absent when not set. */
  readonly cpu?: string;
  /** Task-level memory, as the API gives it (`"512"`, `"1 GB"`); absent when not set. */
  readonly memory?: string;
  readonly containers: readonly EcsContainer[];
}

/** A quota's usage metric, as Service Quotas names it (CloudWatch namespace, name, dimensions, statistic). */
export interface QuotaUsageMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** The statistic Service Quotas recommends, e.g. `Maximum` or `Sum`. */
  readonly statistic: string;
}

/** One applied service quota (ListServiceQuotas). */
export interface ServiceQuota {
  readonly arn: string;
  readonly serviceCode: string;
  readonly quotaCode: string;
  readonly quotaName: string;
  readonly value: number;
  /** For a rate quota, the period the value is per, in seconds (`Period` of the quota); absent otherwise. */
  readonly periodSeconds?: number;
  /** Absent when the quota has no usage metric (its usage cannot be read). */
  readonly usageMetric?: QuotaUsageMetric;
}

/** A usage metric to read: its id in the answer and the metric. */
export interface UsageQuery {
  readonly id: string;
  readonly metric: QuotaUsageMetric;
}

/**
 * What the workloads checks read from an account (Lambda functions come from the tracing ports'
 * listing, which carries timeout, memory and environment). Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface WorkloadsPorts {
  /** Every ECS service of every cluster of the region. */
  listEcsServices(): Promise<EcsServiceRef[]>;
  /** The given services of one cluster, described (batched ten per call); services gone since listing are left out. */
  describeEcsServices(clusterArn: string, serviceArns: readonly string[]): Promise<EcsService[]>;
  /** One task definition, with its containers. */
  taskDefinition(arn: string): Promise<EcsTaskDefinition>;
  /** The applied quotas of one service code (e.g. `lambda`). */
  listServiceQuotas(serviceCode: string): Promise<ServiceQuota[]>;
  /**
   * The datapoints of each usage metric from `start` to `end`, one per minute, by query id; a query
   * with no datapoint maps to an empty list.
   */
  usage(queries: readonly UsageQuery[], start: Date, end: Date): Promise<Map<string, number[]>>;
  /** Whether a Secrets Manager secret exists (DescribeSecret: metadata only, never its value). */
  secretExists(secretId: string): Promise<boolean>;
  /** Which of the given SSM parameter names exist (DescribeParameters with a name filter: metadata only). */
  existingParameters(names: readonly string[]): Promise<Set<string>>;
}
