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
