/** The three states CloudWatch gives an alarm. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** A metric an alarm watches, directly or inside a metric-math expression. */
export interface WatchedMetric {
  readonly namespace: string;
  readonly metricName: string;
}

/** What every alarm, metric or composite, carries. */
interface AlarmBase {
  readonly name: string;
  readonly arn: string;
  /** False when someone disabled the alarm's actions: it changes state but runs none of them. */
  readonly actionsEnabled: boolean;
  /** Targets of the ALARM state: SNS topic ARNs, Auto Scaling policies, Lambda functions, SSM, EC2 actions. */
  readonly alarmActions: readonly string[];
  /** `undefined` when CloudWatch did not report a state (then the state cannot be judged). */
  readonly state: AlarmState | undefined;
  readonly stateReason?: string;
  /** When the state value last changed (StateTransitionedTimestamp). */
  readonly stateTransitionedAt?: Date;
  /** When the state or its evaluation last changed (StateUpdatedTimestamp); older API fallback. */
  readonly stateUpdatedAt?: Date;
}

/** A metric alarm, single metric or metric math. */
export interface MetricAlarm extends AlarmBase {
  readonly kind: 'metric';
  /** `breaching`, `notBreaching`, `ignore` or `missing`; absent means CloudWatch's default, `missing`. */
  readonly treatMissingData?: string;
  /** Every metric the alarm reads: the single metric, or each MetricStat of a metric-math alarm. */
  readonly metrics: readonly WatchedMetric[];
}

/** A composite alarm: a rule over other alarms' states. */
export interface CompositeAlarm extends AlarmBase {
  readonly kind: 'composite';
  /** The AlarmRule expression, e.g. `ALARM("orders-api-5xx-rate") OR ALARM("orders-api-latency-p99")`. */
  readonly rule: string;
}

export type Alarm = MetricAlarm | CompositeAlarm;

/** The subscriptions of one SNS topic, or the news that the topic does not exist. */
export type TopicSubscriptions =
  | { readonly exists: false }
  | {
      readonly exists: true;
      /** Subscriptions with a real subscription ARN: they deliver. */
      readonly confirmed: number;
      /** Subscriptions still `PendingConfirmation`: they deliver nothing yet. */
      readonly pending: number;
      /**
       * The KMS key encrypting the topic (`KmsMasterKeyId`); `null` when it is not encrypted, or
       * not looked up because nobody is subscribed.
       */
      readonly kmsMasterKeyId: string | null;
    };

/** What the alarms check reads from an account. */
export interface AlarmsPorts {
  /** Every metric and composite alarm in the region. Throws when the inventory cannot be read. */
  listAlarms(): Promise<Alarm[]>;
  /**
   * The subscriptions of one SNS topic. Resolves `{ exists: false }` for a topic that does not exist;
   * throws (an `AwsCallError`) for any other failure, which the check reports per alarm.
   */
  topicSubscriptions(topicArn: string): Promise<TopicSubscriptions>;
}
