import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FUNCTION_METRICS, type FunctionMetric, METRICS_NAMESPACE } from '../lambdas/core/metrics';
import type { DeadLetterQueue } from './dead-letter-queue';

/*
 * One CloudWatch dashboard for Preflight: what it decided (verdicts and blocking items per service
 * and environment, watch decisions and rollbacks, time from breach to decision) from the functions'
 * embedded metrics, and its own health (failed executions, dead-letter queues, events and
 * notifications it could not deliver). Per-service series come from SEARCH expressions over the
 * metrics' two dimensions, so a new service appears without a deployment.
 */

export interface DashboardWorkflow {
  /** Shown in the widgets, e.g. `audit`. */
  readonly name: string;
  readonly stateMachine: sfn.IStateMachine;
  /** Its failure counts (NotificationsFailed, EventsFailed, FindingsImportFailed), as alarmed. */
  readonly failures: readonly cloudwatch.IMetric[];
}

export interface PreflightDashboardProps {
  readonly workflows: readonly DashboardWorkflow[];
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  /** Other failure counts (the review's events). @default none */
  readonly otherFailures?: readonly cloudwatch.IMetric[];
  /** The dashboard's name. @default CloudFormation names it */
  readonly dashboardName?: string;
}

/** A series per service and environment of one of the functions' metrics. */
export function perService(metric: FunctionMetric, statistic: string, period: Duration, label: string) {
  const seconds = period.toSeconds();
  return new cloudwatch.MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},Service,Environment} MetricName="${metric}"', '${statistic}', ${seconds})`,
    label,
    period,
  });
}

export class PreflightDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PreflightDashboardProps) {
    super(scope, id);
    const day = Duration.days(1);
    const hour = Duration.hours(1);
    const width = 12;
    const height = 6;
    const graph = (title: string, left: cloudwatch.IMetric[], stacked = false) =>
      new cloudwatch.GraphWidget({
        title,
        left,
        width,
        height,
        stacked,
        legendPosition: cloudwatch.LegendPosition.RIGHT,
      });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      ...(props.dashboardName === undefined ? {} : { dashboardName: props.dashboardName }),
      defaultInterval: Duration.days(14),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# Preflight\nVerdicts, blocking items and watch decisions per service and environment (the functions\' embedded metrics, namespace `Preflight`), and Preflight\'s own health. See README, "Deploy".',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Failing verdicts per service and environment (gates and scheduled audits, per day)', [
        perService(FUNCTION_METRICS.verdictFail, 'Sum', day, 'FAIL'),
        perService(FUNCTION_METRICS.verdictError, 'Sum', day, 'ERROR'),
      ]),
      graph('Passing verdicts per service and environment (per day)', [
        perService(FUNCTION_METRICS.verdictPass, 'Sum', day, 'PASS'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Blocking items per service and environment (most in a run, per day)', [
        perService(FUNCTION_METRICS.blockingItems, 'Maximum', day, 'blocking items'),
      ]),
      graph('Watch decisions (per day)', [
        perService(FUNCTION_METRICS.watchProceed, 'Sum', day, 'PROCEED'),
        perService(FUNCTION_METRICS.watchRollback, 'Sum', day, 'ROLLBACK'),
        perService(FUNCTION_METRICS.watchInconclusive, 'Sum', day, 'INCONCLUSIVE'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Rollbacks run, and failed (per day)', [
        perService(FUNCTION_METRICS.rollbacks, 'Sum', day, 'rollbacks'),
        perService(FUNCTION_METRICS.rollbacksFailed, 'Sum', day, 'failed rollbacks'),
      ]),
      graph('Time from the first breach to the rollback decision (seconds, per hour)', [
        perService(FUNCTION_METRICS.breachToDecision, 'Maximum', hour, 'max'),
        perService(FUNCTION_METRICS.breachToDecision, 'Average', hour, 'average'),
      ]),
    );
    const sum5 = { statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) };
    this.dashboard.addWidgets(
      graph(
        "Preflight's executions that failed or timed out",
        props.workflows.flatMap((w) => [
          w.stateMachine.metricFailed({ ...sum5, label: `${w.name} failed` }),
          w.stateMachine.metricTimedOut({ ...sum5, label: `${w.name} timed out` }),
        ]),
      ),
      graph(
        'Messages waiting in dead-letter queues',
        props.deadLetterQueues.map((queue) =>
          queue.metricApproximateNumberOfMessagesVisible({
            statistic: cloudwatch.Stats.MAXIMUM,
            period: Duration.minutes(5),
            label: queue.holds,
          }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('Notifications, events and findings Preflight could not deliver', [
        ...props.workflows.flatMap((w) => w.failures),
        ...(props.otherFailures ?? []),
      ]),
    );
  }
}
