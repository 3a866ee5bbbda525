import { AbortRequestError, capText, manualAbort } from './abort';
import type { ManualAbort } from './model';

/*
 * A manual abort as stored for the watch to find (`watches/<deployment id>/abort.json`), read by every
 * step of the watch. Whoever may write that object may abort, so any object there aborts, whatever
 * its form; only an abort requested before the watch started is set aside (a leftover, not a request
 * about this rollout).
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

/** The abort object as read from the bucket. */
export interface StoredAbortObject {
  /** The object's text (possibly empty, possibly not JSON). */
  readonly text: string;
  /** The text was cut because the object is larger than the reader takes. */
  readonly truncated: boolean;
  /** When S3 stored the object (its LastModified), when known. */
  readonly lastModifiedMs: number | null;
}

/** An abort found but set aside: requested before the watch started. */
export interface StaleAbort {
  readonly requestedAt: string;
  readonly reason: string;
  readonly detail: string;
}

/** What the abort object asks for: an abort to act on, or one to report and ignore. */
export type AbortReading =
  | { readonly kind: 'abort'; readonly abort: ManualAbort }
  | { readonly kind: 'stale'; readonly stale: StaleAbort };

const MAX_BY_LENGTH = 512;

function parseRecord(object: StoredAbortObject): Record<string, unknown> | string {
  if (object.truncated) return 'the object is larger than an abort request can be';
  if (object.text.trim() === '') return 'the object is empty';
  let parsed: unknown;
  try {
    parsed = JSON.parse(object.text);
  } catch {
    return 'the object is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'the object is not a JSON object';
  }
  return parsed as Record<string, unknown>;
}

function timeOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The abort a record asks for, or why it cannot be read (a missing or unknown field). */
function abortOfRecord(record: Record<string, unknown>, by: string | null): ManualAbort | string {
  const requestedAtMs = timeOf(record.requestedAt);
  if (typeof record.reason !== 'string') return 'it has no reason code';
  if (requestedAtMs === null) return 'it has no valid requestedAt time';
  try {
    return manualAbort(record.reason, typeof record.text === 'string' ? record.text : '', requestedAtMs, by);
  } catch (error) {
    if (error instanceof AbortRequestError) return error.message;
    throw error;
  }
}

/**
 * Reads the abort object at `nowMs` of a watch that started at `startedAtMs`. A request that cannot be
 * read (empty, not JSON, a field missing or unknown) still aborts, with reason `other` saying so, at
 * its `requestedAt` when that can be read, else when S3 stored it. An abort is stale, and is ignored,
 * only when both that time and the object's LastModified are before the start: a leftover from an
 * earlier rollout never rolls this one back, and a fresh request is never mistaken for one.
 */
export function readAbortRequest(
  object: StoredAbortObject,
  startedAtMs: number,
  nowMs: number,
): AbortReading {
  const record = parseRecord(object);
  const fields = typeof record === 'string' ? {} : record;
  const by = typeof fields.by === 'string' && fields.by !== '' ? fields.by.slice(0, MAX_BY_LENGTH) : null;
  const read = typeof record === 'string' ? record : abortOfRecord(record, by);
  const abort =
    typeof read !== 'string'
      ? read
      : manualAbort(
          'other',
          capText(`an abort request was found but could not be read (${read}); aborting anyway`),
          timeOf(fields.requestedAt) ?? object.lastModifiedMs ?? nowMs,
          by,
        );
  const latestMs = Math.max(abort.requestedAtMs, object.lastModifiedMs ?? abort.requestedAtMs);
  if (latestMs >= startedAtMs) return { kind: 'abort', abort };
  const requestedAt = new Date(abort.requestedAtMs).toISOString();
  return {
    kind: 'stale',
    stale: {
      requestedAt,
      reason: abort.reason,
      detail: `an abort (${abort.reason}) requested at ${requestedAt}, before the watch started at ${new Date(startedAtMs).toISOString()}, was ignored: it is not about this rollout`,
    },
  };
}
