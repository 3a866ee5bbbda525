import type { HistoryStore } from '../../aws/history-store';
import { type ReportStore, reportKeys } from '../../aws/report-store';
import { watchDecidedEvent } from '../../core/history/from-watch';
import { DeploymentIdSchema } from '../../core/identifiers';
import { failureNotification, type RollbackRan } from '../../core/watch/notification';
import { logger } from '../logger';
import type { FailureEvent, WatchOutcome } from './contract';
import type { RollbackMarker } from './rollback-once';

function field(input: unknown, name: string): string | undefined {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return typeof value[name] === 'string' ? (value[name] as string) : undefined;
}

/**
 * What the rollback marker of this run says ran: the watch may have failed after its Act task ran the
 * rollback action (recording the decision failed, say). Never guessed: an unreadable marker says so.
 */
async function rollbackRan(store: ReportStore, deploymentId: unknown, runId: string): Promise<RollbackRan> {
  const id = DeploymentIdSchema.safeParse(deploymentId);
  if (!id.success) return { kind: 'unknown', detail: 'the deployment id in the input is not valid' };
  try {
    const marker = await store.getJson<RollbackMarker>(reportKeys.watchRollback(id.data));
    if (marker === undefined || marker.runId !== runId) return { kind: 'none' };
    if (marker.result === undefined) {
      return { kind: 'started', action: marker.action, startedAt: marker.startedAt };
    }
    return { kind: 'ran', ...marker.result };
  } catch (error) {
    return { kind: 'unknown', detail: `the rollback record could not be read (${(error as Error).message})` };
  }
}

/** The reason line: what failed, and what the rollback marker says ran. */
function reasonOf(error: string, ran: RollbackRan): string {
  const failed = `the watch itself failed (${error})`;
  switch (ran.kind) {
    case 'none':
      return `${failed}; it ran no rollback action`;
    case 'ran':
      return ran.succeeded
        ? `${failed} after it decided ROLLBACK and its rollback action ran: ${ran.action} succeeded (${ran.detail})`
        : `${failed} after it decided ROLLBACK and its rollback action ran: ${ran.action} FAILED (${ran.detail}); roll back by hand`;
    case 'started':
      return `${failed} after it decided ROLLBACK and started the ${ran.action} rollback action at ${ran.startedAt}; its outcome is unknown: check it, and roll back by hand if needed`;
    case 'unknown':
      return `${failed}; whether a rollback action ran is not known (${ran.detail}): check the deployment`;
  }
}

/**
 * The watch itself failed (after its retries). Reads the rollback marker first, so the decision and
 * the message say what ran: when the watch had decided ROLLBACK and started the action, the decision
 * is ROLLBACK with the action's outcome (succeeded, failed or unknown); otherwise it is INCONCLUSIVE
 * and no rollback action ran (a failure of the monitoring never rolls a release back). Records
 * `watch-decided` when the input names the deployment (best effort: the failure may be the history
 * table itself) and builds the notification.
 */
export async function recordFailure(
  event: FailureEvent,
  history: HistoryStore,
  store: ReportStore,
): Promise<Omit<WatchOutcome, 'events'>> {
  const subject = {
    deploymentId: field(event.input, 'deploymentId') ?? event.runId,
    service: field(event.input, 'service') ?? 'unknown service',
    environment: field(event.input, 'environment') ?? 'unknown environment',
    runId: event.runId,
  };
  const error = event.failure.Error ?? 'Error';
  const cause = event.failure.Cause ?? 'no cause given';
  const ran = await rollbackRan(store, field(event.input, 'deploymentId'), event.runId);
  const decision = ran.kind === 'ran' || ran.kind === 'started' ? 'ROLLBACK' : 'INCONCLUSIVE';
  const reason = reasonOf(error, ran);
  const decidedAt = new Date().toISOString();
  const known = ['deploymentId', 'service', 'environment'].every((name) => field(event.input, name));
  if (known) {
    await history
      .record(
        watchDecidedEvent(subject, {
          at: decidedAt,
          decision,
          trigger: null,
          reason: `${reason}: ${cause.slice(0, 500)}`,
        }),
      )
      .catch((e: unknown) => logger.warn('could not record the failed watch', { error: String(e) }));
  }
  logger.error('watch failed', { runId: event.runId, error, cause, rollback: ran });
  return {
    deploymentId: subject.deploymentId,
    decision,
    decidedAt,
    trigger: null,
    reason,
    notification: failureNotification(subject, error, cause, ran),
    rollback:
      ran.kind === 'ran'
        ? { action: ran.action, succeeded: ran.succeeded, detail: ran.detail }
        : ran.kind === 'started'
          ? { action: ran.action, succeeded: false, detail: `started at ${ran.startedAt}; outcome unknown` }
          : null,
    followup: {
      deploymentId: subject.deploymentId,
      service: subject.service,
      environment: subject.environment,
      decidedAt,
    },
  };
}
