import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface SelfAlarmOptions {
  /** Alarm at or above this value in one period. @default 1 */
  readonly threshold?: number;
}

/**
 * Alarms on Preflight itself, with the house defaults: one period at or above the threshold (1),
 * missing data is not a breach, and the alarm notifies the alert topic. A broken auditor, a lost
 * alert or a run that never happened must not be silent.
 */
export class SelfAlarms {
  private readonly action: actions.SnsAction;

  constructor(
    private readonly scope: Construct,
    topic: sns.ITopic,
  ) {
    this.action = new actions.SnsAction(topic);
  }

  add(id: string, metric: cloudwatch.IMetric, description: string, options: SelfAlarmOptions = {}) {
    const alarm = new cloudwatch.Alarm(this.scope, id, {
      metric,
      alarmDescription: description,
      threshold: options.threshold ?? 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
