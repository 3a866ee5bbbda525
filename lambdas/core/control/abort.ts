import { manualAbort } from '../watch/abort';
import { abortRequest, type StoredAbortRequest } from '../watch/abort-request';
import { controlKeys } from './keys';
import type { ControlPorts } from './ports';
import { allowingPattern, type Caller } from './principal';
import type { AbortControlRequest } from './request';
import { type ControlResponse, conflict, forbidden, notFound, ok } from './response';
import type { ControlSettings } from './settings';

function describeFirst(stored: Partial<StoredAbortRequest> | undefined): string {
  if (stored === undefined) return '';
  return ` by ${stored.by ?? 'an unknown caller'} at ${stored.requestedAt ?? 'an unknown time'} (${stored.reason ?? 'no reason'})`;
}

/**
 * Asks a running watch to roll its deployment back. Who may is `watch.abortBy`; a watch must be
 * running for the deployment; the first abort is kept, atomically (a second one, even one racing the
 * first, gets 409 naming the first). The record's form is what the watch reads each period.
 */
export async function abortWatch(
  request: AbortControlRequest,
  caller: Caller,
  settings: ControlSettings,
  ports: ControlPorts,
  now: Date,
): Promise<ControlResponse> {
  if (allowingPattern(caller, settings.abortBy) === undefined) {
    return forbidden(caller, `abort deployment ${request.deploymentId}`, settings.abortBy, 'watch.abortBy');
  }
  const key = controlKeys.watchAbort(request.deploymentId);
  const earlier = await ports.store.getJson<Partial<StoredAbortRequest>>(key);
  if (earlier !== undefined) {
    return conflict(
      `Deployment ${request.deploymentId} was already aborted${describeFirst(earlier)}; the first abort stands.`,
      { first: earlier },
    );
  }
  const watch = await ports.watches.find(request.deploymentId);
  if (watch === undefined) {
    return notFound(
      `No watch is running for ${request.deploymentId}: none was started for this deployment id.`,
    );
  }
  if (watch.status !== 'RUNNING') {
    return conflict(`No watch is running for ${request.deploymentId}: its watch ended (${watch.status}).`, {
      watchStatus: watch.status,
    });
  }

  const record = abortRequest(request.deploymentId, {
    ...manualAbort(request.reason, request.note ?? '', now.getTime()),
    by: caller.arn,
  });
  if ((await ports.store.putJsonIfAbsent(key, record)) === 'exists') {
    const first = await ports.store.getJson<Partial<StoredAbortRequest>>(key);
    return conflict(
      `Deployment ${request.deploymentId} was already aborted${describeFirst(first)}; the first abort stands.`,
      { first },
    );
  }
  return ok(
    `Abort requested for ${request.deploymentId} (${record.reason}) by ${record.by} at ${record.requestedAt}: the watch rolls back within one period.`,
    { abort: record },
  );
}
