/** An RDS or Aurora DB instance as DescribeDBInstances lists it. */
export interface DbInstance {
  readonly identifier: string;
  readonly arn: string;
  readonly engine: string;
  /** Provisioned storage, GiB; Aurora instances report none that means anything (the volume is the cluster's). */
  readonly allocatedGiB?: number;
  /** The ceiling of RDS storage autoscaling, GiB; absent when storage autoscaling is off. */
  readonly maxAllocatedGiB?: number;
  /** The Aurora cluster the instance belongs to. */
  readonly cluster?: string;
}

/** An EC2 instance of the region, with its ARN. */
export interface Ec2Instance {
  readonly id: string;
  readonly arn: string;
  /** Its Name tag, when known. */
  readonly name?: string;
}

/** A metric as ListMetrics names it: namespace, name and every dimension. */
export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** One query of a batch: a metric and the statistic to read, hourly. */
export interface SeriesQuery {
  readonly id: string;
  readonly metric: MetricIdentity;
  readonly stat: 'Minimum' | 'Maximum';
}

/** One datapoint. */
export interface Point {
  readonly at: Date;
  readonly value: number;
}

/**
 * What the disk-space check reads from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface StoragePorts {
  /** Every RDS and Aurora DB instance of the region. */
  listDbInstances(): Promise<DbInstance[]>;
  /** Every metric of this namespace and name (all dimensions). */
  listMetrics(namespace: string, metricName: string): Promise<MetricIdentity[]>;
  /**
   * The ids of the instances that published `AWS/EC2` `CPUUtilization` in the last 3 hours: every
   * running instance does (EC2's basic monitoring, on for all), agent or not.
   */
  runningInstances(): Promise<string[]>;
  /**
   * Hourly datapoints from `start` to `end` of every query (batched, many queries a call), by query id,
   * oldest first. A query CloudWatch could not answer completely throws, naming it.
   */
  series(queries: readonly SeriesQuery[], start: Date, end: Date): Promise<Map<string, Point[]>>;
}
