import type { HistoryStore } from '../../aws/history-store';
import { failureNotification } from '../../core/watch/notification';
import { logger } from '../logger';
import type { FailureEvent, WatchOutcome } from './contract';

function field(input: unknown, name: string): string | undefined {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return typeof value[name] === 'string' ? (value[name] as string) : undefined;
}

/**
 * The watch itself failed (after its retries): the decision is INCONCLUSIVE and nothing is rolled
 * back. Records `watch-decided` when the input names the deployment (best effort: the
 * failure may be the history table itself) and builds the notification.
 */
export async function recordFailure(event: FailureEvent, history: HistoryStore): Promise<WatchOutcome> {
  const subject = {
    deploymentId: field(event.input, 'deploymentId') ?? event.runId,
    service: field(event.input, 'service') ?? 'unknown service',
    environment: field(event.input, 'environment') ?? 'unknown environment',
    runId: event.runId,
  };
  const error = event.failure.Error ?? 'Error';
  const cause = event.failure.Cause ?? 'no cause given';
  const reason = `the watch itself failed (${error}); nothing was rolled back`;
  const decidedAt = new Date().toISOString();
  const known = ['deploymentId', 'service', 'environment'].every((name) => field(event.input, name));
  if (known) {
    await history
      .record({
        ...subject,
        kind: 'watch-decided',
        id: `${event.runId}#watch-decided`,
        at: decidedAt,
        decision: 'INCONCLUSIVE',
        reason: `${reason}: ${cause.slice(0, 500)}`,
      })
      .catch((e: unknown) => logger.warn('could not record the failed watch', { error: String(e) }));
  }
  logger.error('watch failed', { runId: event.runId, error, cause });
  return {
    deploymentId: subject.deploymentId,
    decision: 'INCONCLUSIVE',
    decidedAt,
    trigger: null,
    reason,
    notification: failureNotification(subject, error, cause),
    rollback: null,
    followup: {
      deploymentId: subject.deploymentId,
      service: subject.service,
      environment: subject.environment,
      decidedAt,
    },
  };
}
