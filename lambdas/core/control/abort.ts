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

/** Who may abort the watch of `service`: its own `watch.abortBy`, or the default one. */
function abortersOf(
  settings: ControlSettings,
  service: string | undefined,
): { patterns: string[]; key: string } {
  const own = service === undefined ? undefined : settings.services?.[service]?.abortBy;
  return own === undefined
    ? { patterns: settings.abortBy, key: 'watch.abortBy' }
    : { patterns: own, key: `services.${service}.watch.abortBy` };
}

/**
 * Asks a running watch to roll its deployment back. Who may is the watched service's
 * `watch.abortBy` (the default one unless the service names its own); a watch must be running for
 * the deployment; the first abort is kept, atomically (a second one, even one racing the first, gets
 * 409 naming the first). The record's form is what the watch reads each period.
 */
export async function abortWatch(
  request: AbortControlRequest,
  caller: Caller,
  settings: ControlSettings,
  ports: ControlPorts,
  now: Date,
): Promise<ControlResponse> {
  // Someone no list lets abort anything is refused before anything is read.
  const everyList = [settings.abortBy, ...Object.values(settings.services ?? {}).map((s) => s.abortBy ?? [])];
  if (allowingPattern(caller, everyList.flat()) === undefined) {
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

  const aborters = abortersOf(settings, watch.service);
  if (allowingPattern(caller, aborters.patterns) === undefined) {
    return forbidden(
      caller,
      `abort deployment ${request.deploymentId} of ${watch.service ?? 'this watch'}`,
      aborters.patterns,
      aborters.key,
    );
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
