import { AbortRequestError, manualAbort } from './abort';
import type { ManualAbort } from './model';

/*
 * A manual abort as stored for the watch to find (`watches/<deployment id>/abort.json`): written by
 * `preflight watch abort`, read by every step of the watch.
 */

/** The stored abort request. */
export interface StoredAbortRequest {
  readonly deploymentId: string;
  readonly reason: string;
  readonly text: string;
  /** The caller's IAM principal ARN. */
  readonly by: string;
  readonly requestedAt: string;
}

/** The stored form of an abort, after `manualAbort` has checked the reason code. */
export function abortRequest(deploymentId: string, abort: ManualAbort & { by: string }): StoredAbortRequest {
  return {
    deploymentId,
    reason: abort.reason,
    text: abort.text,
    by: abort.by,
    requestedAt: new Date(abort.requestedAtMs).toISOString(),
  };
}

/**
 * The abort a stored request asks for. Someone with the right to abort wrote it, so an unreadable one
 * still aborts (reason `other`, saying so) at `nowMs`: an abort is never ignored for its form.
 */
export function abortFromStored(stored: unknown, nowMs: number): ManualAbort {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<string, unknown>>;
  const requestedAtMs = typeof s.requestedAt === 'string' ? Date.parse(s.requestedAt) : Number.NaN;
  const by = typeof s.by === 'string' ? s.by : null;
  try {
    if (typeof s.reason !== 'string' || Number.isNaN(requestedAtMs))
      throw new AbortRequestError('incomplete');
    return manualAbort(s.reason, typeof s.text === 'string' ? s.text : '', requestedAtMs, by);
  } catch (error) {
    if (!(error instanceof AbortRequestError)) throw error;
    return manualAbort(
      'other',
      `an abort request was found but could not be read (${error.message}); aborting anyway`,
      Number.isNaN(requestedAtMs) ? nowMs : requestedAtMs,
      by,
    );
  }
}
