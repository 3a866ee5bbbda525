import { ABORT_REASONS, type AbortReason, type ManualAbort } from './model';

/** An abort request that cannot be recorded. */
export class AbortRequestError extends Error {
  override readonly name = 'AbortRequestError';
}

/**
 * A manual abort from a person: a reason code (the checklist's manual rollback criteria, or
 * `other`) and free text. `other` needs the text, since it says nothing by itself.
 * @throws AbortRequestError for an unknown code or an `other` without text.
 */
export function manualAbort(
  reason: string,
  text: string,
  requestedAtMs: number,
  by: string | null = null,
): ManualAbort {
  if (!(ABORT_REASONS as readonly string[]).includes(reason)) {
    throw new AbortRequestError(
      `unknown abort reason "${reason}"; expected one of ${ABORT_REASONS.join(', ')}`,
    );
  }
  const trimmed = text.trim();
  if (reason === 'other' && trimmed === '') {
    throw new AbortRequestError('an abort with reason "other" needs a text saying why');
  }
  return { reason: reason as AbortReason, text: trimmed, by, requestedAtMs };
}
