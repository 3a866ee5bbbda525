import { explainError } from '../errors';
import type { CheckResult } from '../findings';

/** One check in one region: the unit a run's Map (and the local audit) runs. */
export interface CheckTask {
  readonly checkId: string;
  /** Absent for the region Preflight (or the caller) runs in. */
  readonly region?: string;
}

/**
 * A check that could not run because its account or region could not be reached (a role that
 * cannot be assumed, credentials of another account): an ERROR for it there, never a skip.
 */
export function unreachableResult(
  task: CheckTask,
  error: unknown,
  now: Date,
  where: { readonly account?: string },
): CheckResult {
  const { message, remediation, code } = explainError(error);
  const resource = [where.account ?? 'account', task.region].filter(Boolean).join(' ');
  return {
    checkId: task.checkId,
    startedAt: now.toISOString(),
    durationMs: 0,
    ...(task.region === undefined ? {} : { region: task.region }),
    findings: [
      {
        checkId: task.checkId,
        rule: 'access',
        resource,
        status: 'ERROR',
        message,
        remediation,
        evidence: { code, ...(where.account === undefined ? {} : { account: where.account }) },
        ...(task.region === undefined ? {} : { region: task.region }),
      },
    ],
  };
}
