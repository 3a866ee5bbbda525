import middy from '@middy/core';
import { DynamoHistoryStore } from '../../aws/history-store';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { WatchMetrics } from '../../aws/watch-metrics';
import { escalationEvents } from '../../core/events/watch-events';
import { abortEvent } from '../../core/history/from-watch';
import { type AbortReading, readAbortRequest } from '../../core/watch/abort-request';
import { evaluateStep, nextQuery } from '../../core/watch/evaluate';
import { escalationNotification } from '../../core/watch/notification';
import { appendReadings } from '../../core/watch/recorded-readings';
import { nextStepAtMs, stepTimeMs } from '../../core/watch/schedule';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { StepEvent, WatchRun, WatchStep } from './contract';
import { WatchEnvironment } from './env';
import { where } from './where';

// Created once per execution environment: clients are kept per environment and region.
const metrics = new WatchMetrics();
let store: S3ReportStore | undefined;
let history: DynamoHistoryStore | undefined;

/** The abort object of the watch, as read at `nowMs`, or `null` when there is none (or one is already kept). */
async function readAbort(event: StepEvent, nowMs: number): Promise<AbortReading | null> {
  const { watch, step } = event;
  // Once an abort is kept in the state, the first one stands: no need to read again.
  if (step.state.abort !== null) return null;
  const object = await (store as S3ReportStore).getText(reportKeys.watchAbort(watch.deploymentId));
  if (object === undefined) return null;
  const stored = {
    text: object.text,
    truncated: object.truncated,
    lastModifiedMs: object.lastModified?.getTime() ?? null,
  };
  return readAbortRequest(stored, Date.parse(watch.startedAt), nowMs);
}

/**
 * One step of the watch, once a period: reads a manual abort (so one takes effect within a period),
 * fetches every newly complete period of every trigger with one GetMetricData call in the service's
 * account and region (an environment that cannot be reached is a provider error), and lets the core
 * judge and decide. Any object at the abort key aborts, whatever its form; one requested before the
 * watch started is reported in the step (`staleAbort`) and logged, never acted on. Records the abort
 * in the history the first time it is seen. Returns the next step.
 */
export async function run(event: StepEvent): Promise<WatchStep> {
  const { watch, step } = event;
  const env = WatchEnvironment.read();
  store ??= new S3ReportStore(env.REPORT_BUCKET);
  history ??= new DynamoHistoryStore(env.HISTORY_TABLE);
  const nowMs = stepTimeMs(Date.now(), Date.parse(step.nextStepAt));
  const { plan, state } = { plan: watch.plan, state: step.state };

  const reading = await readAbort(event, nowMs);
  const abort = reading?.kind === 'abort' ? reading.abort : null;
  const staleAbort = reading?.kind === 'stale' ? reading.stale : undefined;
  if (staleAbort !== undefined && step.staleAbort === undefined) {
    logger.warn('stale abort ignored', { runId: watch.runId, ...staleAbort });
  }
  const query = nextQuery(plan, state, nowMs);
  const fetch =
    query === null
      ? null
      : await metrics.fetch({ environment: watch.reach, region: watch.region }, query, {
          metrics: watch.metrics,
          periodSeconds: watch.periodSeconds,
        });
  const result = evaluateStep(plan, state, { fetch, nowMs, abort });

  const seen = result.state.abort;
  if (state.abort === null && seen !== null) {
    await history.record(
      abortEvent(
        {
          runId: watch.runId,
          service: watch.service,
          environment: watch.environment,
          deploymentId: watch.deploymentId,
          ...where(watch.account, watch.region),
        },
        seen,
      ),
    );
  }
  const final = result.decision.kind !== 'CONTINUE';
  logger.info('watch step', {
    runId: watch.runId,
    at: new Date(nowMs).toISOString(),
    decision: result.decision.kind,
    escalate: result.escalate,
    fetched: query?.metricIds ?? [],
    providerErrors: Object.keys(fetch?.errors ?? {}),
  });
  return {
    state: result.state,
    nextStepAt: new Date(nextStepAtMs(plan, nowMs)).toISOString(),
    decision: result.decision,
    escalate: result.escalate,
    summary: result.outcomes.map((o) => ({ triggerId: o.triggerId, status: o.status, reason: o.reason })),
    readings: appendReadings(step.readings, result.state, plan.periodMs),
    ...(staleAbort === undefined ? {} : { staleAbort }),
    ...(final ? { outcomes: result.outcomes } : {}),
    ...(result.escalate ? escalationOf(watch, result.outcomes, nowMs) : {}),
  };
}

/** The escalation's notification, and its event for the default bus. */
function escalationOf(
  watch: WatchRun,
  outcomes: Parameters<typeof escalationNotification>[2],
  nowMs: number,
) {
  const escalation = escalationNotification(watch, watch.maxNoDataMinutes, outcomes);
  const escalationEventEntries = escalationEvents({
    service: watch.service,
    environment: watch.environment,
    ...(watch.account === undefined ? {} : { account: watch.account }),
    ...(watch.region === undefined ? {} : { region: watch.region }),
    runId: watch.runId,
    deploymentId: watch.deploymentId,
    verdict: escalation.verdict,
    subject: escalation.subject,
    at: new Date(nowMs).toISOString(),
  });
  return { escalation, escalationEvents: escalationEventEntries };
}

export const handler = middy(run).use(baseMiddleware({ environment: WatchEnvironment }));
