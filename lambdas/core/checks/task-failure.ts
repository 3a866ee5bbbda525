import type { CheckResult } from '../findings';

/**
 * A check whose task failed for good (timeout, crash, retries exhausted) still reaches the report,
 * as an ERROR finding carrying the task's error, so it can never count as a pass.
 */
export function checkResultFromTaskFailure(
  checkId: string,
  taskError: { readonly Error?: string; readonly Cause?: string },
  now: Date,
): CheckResult {
  const error = taskError.Error ?? 'UnknownError';
  return {
    checkId,
    startedAt: now.toISOString(),
    durationMs: 0,
    findings: [
      {
        checkId,
        rule: 'run',
        resource: '*',
        status: 'ERROR',
        message: `Could not evaluate: the check task failed with ${error}.`,
        remediation: 'See the state machine execution and the check function logs, then run the audit again.',
        evidence: { error, cause: (taskError.Cause ?? '').slice(0, 1000) },
      },
    ],
  };
}

/** Why a check has no result the report can vouch for, though its task did not fail. */
export interface UnjudgedReason {
  /** A short code: `ResultMissing`, `ResultUnreadable`, `CheckNotRun`. */
  readonly error: string;
  /** What happened, in words, for the message. */
  readonly explanation: string;
  /** Where to look: the object key, the parse problem. */
  readonly cause: string;
}

/**
 * A check the report cannot vouch for (its stored result is gone or malformed, or it never ran):
 * one ERROR finding, so its items block the verdict instead of reading as an empty pass.
 */
export function unjudgedCheckResult(checkId: string, reason: UnjudgedReason, now: Date): CheckResult {
  return {
    checkId,
    startedAt: now.toISOString(),
    durationMs: 0,
    findings: [
      {
        checkId,
        rule: 'run',
        resource: '*',
        status: 'ERROR',
        message: `Could not evaluate: ${reason.explanation} (${reason.error}).`,
        remediation: 'See the state machine execution and the check function logs, then run the audit again.',
        evidence: { error: reason.error, cause: reason.cause.slice(0, 1000) },
      },
    ],
  };
}
