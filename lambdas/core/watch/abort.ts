import { ABORT_REASONS, type AbortReason, type ManualAbort } from './model';

/** Longest abort note kept, in UTF-8 bytes: enough to say what happened, small enough to carry. */
export const MAX_ABORT_TEXT_BYTES = 1024;
const TRUNCATED = ' [truncated]';

/** An abort request that cannot be recorded. */
export class AbortRequestError extends Error {
  override readonly name = 'AbortRequestError';
}

/** `text` cut to at most `maxBytes` of UTF-8 (never inside a character), marked when cut. */
export function capText(text: string, maxBytes = MAX_ABORT_TEXT_BYTES): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const room = maxBytes - encoder.encode(TRUNCATED).length;
  let kept = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > room) break;
    kept += char;
    bytes += size;
  }
  return `${kept}${TRUNCATED}`;
}

/**
 * A manual abort from a person: a reason code (the checklist's manual rollback criteria, or
 * `other`) and free text, capped at `MAX_ABORT_TEXT_BYTES`. `other` needs the text, since it says
 * nothing by itself.
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
  return { reason: reason as AbortReason, text: capText(trimmed), by, requestedAtMs };
}

/** `manual abort (data-corruption): orders written twice`: the abort as a decision's reason. */
export function abortSummary(abort: ManualAbort): string {
  return `manual abort (${abort.reason})${abort.text === '' ? '' : `: ${abort.text}`}`;
}
