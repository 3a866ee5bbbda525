/** A CloudWatch Logs log group as DescribeLogGroups lists it. */
export interface LogGroup {
  readonly name: string;
  /** The log group's ARN, without the `:*` DescribeLogGroups appends to `arn`. */
  readonly arn: string;
  /** Days events are kept; absent when they are kept forever. */
  readonly retentionInDays?: number;
  readonly createdAt?: Date;
}

/** The newest activity of a log group, from its most recently written streams. */
export interface LogActivity {
  /** Streams read (the newest first, at most one page); 0 when the group has no stream at all. */
  readonly streams: number;
  /** The newest event timestamp among them. */
  readonly lastEventAt?: Date;
  /** The newest ingestion time among them: when CloudWatch Logs last received an event. */
  readonly lastIngestionAt?: Date;
}

/** A metric the service names as key: the namespace, the name, and the dimensions that must match. */
export interface KeyMetric {
  readonly namespace: string;
  readonly metricName: string;
  /** Dimension name → value; every one must match. @default none: any dimensions */
  readonly dimensions?: Readonly<Record<string, string>>;
}

/**
 * What the log and metric checks read from an account. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface ObservabilityPorts {
  /** Every log group in the region. */
  listLogGroups(): Promise<LogGroup[]>;
  /** The newest activity of one log group (a single call: its streams ordered by last event). */
  logActivity(logGroupName: string): Promise<LogActivity>;
  /**
   * How many metrics match `metric` and received datapoints in the last {@link RECENTLY_ACTIVE_HOURS}
   * hours (ListMetrics' RecentlyActive window, the only one it has).
   */
  countRecentlyActive(metric: KeyMetric): Promise<number>;
}

/** The window ListMetrics' RecentlyActive filter looks back over: PT3H, the only value it accepts. */
export const RECENTLY_ACTIVE_HOURS = 3;
