import middy from '@middy/core';
import { EnvironmentRollbacks } from '../../aws/environment-rollbacks';
import { DynamoHistoryStore } from '../../aws/history-store';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { watchEvents } from '../../core/events/watch-events';
import { rollbackEvent, watchDecidedEvent } from '../../core/history/from-watch';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../core/identifiers';
import { FUNCTION_METRICS } from '../../core/metrics';
import { abortSummary } from '../../core/watch/abort';
import type { FinalDecisionKind, WatchDecision } from '../../core/watch/model';
import { decisionNotification } from '../../core/watch/notification';
import { logger } from '../logger';
import { emitMetrics, type MetricValue } from '../metrics';
import { baseMiddleware } from '../middleware';
import type { FailureEvent, StepEvent, WatchOutcome } from './contract';
import { ActEnvironment } from './env';
import { recordFailure } from './failure';
import { rollbackOnce } from './rollback-once';
import { where } from './where';

// Clients are kept per environment and region: the rollback runs in the watched service's account.
const rollbacks = new EnvironmentRollbacks();
let store: S3ReportStore | undefined;
let history: DynamoHistoryStore | undefined;

/**
 * The decision's metrics: which decision, the rollback that ran (and whether it failed), and for a
 * rollback decided by a trigger, the seconds from that trigger's first breaching period to the decision.
 */
function decisionMetrics(
  decision: WatchDecision & { kind: FinalDecisionKind },
  outcomes: readonly { triggerId: string; breachingPeriods: readonly { startMs: number }[] }[],
  rollback: { action: string; succeeded?: boolean } | null,
): MetricValue[] {
  const values: MetricValue[] = [
    { name: FUNCTION_METRICS.watchProceed, value: decision.kind === 'PROCEED' ? 1 : 0 },
    { name: FUNCTION_METRICS.watchRollback, value: decision.kind === 'ROLLBACK' ? 1 : 0 },
    { name: FUNCTION_METRICS.watchInconclusive, value: decision.kind === 'INCONCLUSIVE' ? 1 : 0 },
  ];
  if (rollback !== null && rollback.action !== 'none') {
    values.push({ name: FUNCTION_METRICS.rollbacks, value: 1 });
    values.push({ name: FUNCTION_METRICS.rollbacksFailed, value: rollback.succeeded === false ? 1 : 0 });
  }
  const deciding = outcomes.find((o) => o.triggerId === decision.triggerId);
  const firstBreach = Math.min(...(deciding?.breachingPeriods ?? []).map((p) => p.startMs));
  if (
    decision.kind === 'ROLLBACK' &&
    typeof decision.decidedAtMs === 'number' &&
    Number.isFinite(firstBreach)
  ) {
    values.push({
      name: FUNCTION_METRICS.breachToDecision,
      value: Math.max(0, (decision.decidedAtMs - firstBreach) / 1000),
      unit: 'Seconds',
    });
  }
  return values;
}

function isFinal(decision: WatchDecision): decision is WatchDecision & { kind: FinalDecisionKind } {
  return decision.kind !== 'CONTINUE';
}

/**
 * Acts on the watch's final decision: on ROLLBACK only, runs the configured rollback action (at most
 * once, see `rollbackOnce`) in the service's account and region, through the environment's rollback
 * role when it is reached through a role; records `rollback` and `watch-decided`; keeps the decision with its
 * evidence in the report bucket; builds the notification. On the failure path (`failure` given) it
 * never rolls back: it reads what the rollback marker says ran, and records and reports that.
 */
export async function run(event: StepEvent | FailureEvent): Promise<WatchOutcome> {
  const env = ActEnvironment.read();
  store ??= new S3ReportStore(env.REPORT_BUCKET);
  history ??= new DynamoHistoryStore(env.HISTORY_TABLE);
  if ('failure' in event) return withFailureEvents(event, await recordFailure(event, history, store));

  const { watch, step } = event;
  const decision = step.decision;
  if (!isFinal(decision))
    throw new Error(`the act state was reached without a final decision (${decision.kind})`);
  // A manual abort is carried once, in the state; the decision names only its reason code.
  const abort = decision.abort === null ? null : step.state.abort;
  const reason = abort === null ? decision.reason : abortSummary(abort);
  const decidedAt = new Date(decision.decidedAtMs ?? Date.now()).toISOString();
  const outcomes = step.outcomes ?? [];
  const base = {
    service: watch.service,
    environment: watch.environment,
    ...where(watch.account, watch.region),
    deploymentId: watch.deploymentId,
    runId: watch.runId,
  };

  const rollback =
    decision.kind === 'ROLLBACK'
      ? await rollbackOnce(store, rollbacks, {
          action: watch.rollback,
          deploymentId: watch.deploymentId,
          service: watch.service,
          environment: watch.environment,
          runId: watch.runId,
          decision: { ...decision, reason, abort },
          where: { account: watch.account ?? env.HOME_ACCOUNT, region: watch.region ?? env.HOME_REGION },
          reach: watch.reach,
          evidence: outcomes.map((o) => ({
            triggerId: o.triggerId,
            status: o.status,
            reason: o.reason,
            threshold: o.threshold,
            breachingPeriods: o.breachingPeriods,
          })),
        })
      : null;
  if (rollback !== null && rollback.action !== 'none') {
    await history.record(rollbackEvent(base, decidedAt, rollback, new Date().toISOString()));
  }
  const trigger = decision.abort !== null ? 'manual-abort' : decision.triggerId;
  await history.record(
    watchDecidedEvent(base, {
      at: decidedAt,
      decision: decision.kind,
      trigger,
      reason,
      outcomes: { outcomes, triggers: watch.plan.triggers, readings: step.readings },
    }),
  );
  const notification = decisionNotification(watch, decision, outcomes, rollback, abort);
  const evidence = await store.putJson(reportKeys.watchDecision(watch.deploymentId), {
    ...base,
    decision: { ...decision, reason },
    abort,
    outcomes,
    rollback,
    summary: notification.email,
  });
  emitMetrics(watch, decisionMetrics(decision, outcomes, rollback));
  logger.info('watch decided', { runId: watch.runId, decision: decision.kind, trigger, rollback });
  return {
    deploymentId: watch.deploymentId,
    decision: decision.kind,
    decidedAt,
    trigger: decision.triggerId,
    reason,
    notification,
    rollback,
    followup: {
      deploymentId: watch.deploymentId,
      service: watch.service,
      environment: watch.environment,
      decidedAt,
    },
    events: watchEvents({
      ...base,
      decision: decision.kind,
      verdict: notification.verdict,
      decidedAt,
      trigger,
      reason,
      subject: notification.subject,
      abort: decision.abort,
      rollback,
      evidence,
    }),
  };
}

/**
 * The failure path's events. The names come from the execution's input, which may never have been
 * validated (the watch may have failed before): a name that is not a valid one is not repeated.
 */
function withFailureEvents(event: FailureEvent, outcome: Omit<WatchOutcome, 'events'>): WatchOutcome {
  const input = (typeof event.input === 'object' && event.input !== null ? event.input : {}) as Record<
    string,
    unknown
  >;
  const valid = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
    schema.safeParse(value).success ? String(value) : 'unknown';
  return {
    ...outcome,
    events: watchEvents({
      service: valid(ServiceNameSchema, input.service),
      environment: valid(EnvironmentNameSchema, input.environment),
      runId: event.runId,
      deploymentId: valid(DeploymentIdSchema, input.deploymentId),
      decision: outcome.decision,
      verdict: outcome.notification.verdict,
      decidedAt: outcome.decidedAt,
      trigger: null,
      reason: outcome.reason,
      subject: outcome.notification.subject,
      abort: null,
      rollback: outcome.rollback,
    }),
  };
}

export const handler = middy(run).use(baseMiddleware({ environment: ActEnvironment }));
