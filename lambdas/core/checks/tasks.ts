import type { CheckId } from '../config/schema';
import { explainError } from '../errors';
import type { CheckResult } from '../findings';
import { CHECKS } from './registry';

/** One check in one region: the unit a run's Map (and the local audit) runs. */
export interface CheckTask {
  readonly checkId: string;
  /** Absent for the region Preflight (or the caller) runs in. */
  readonly region?: string;
}

/**
 * Every check in every region of the environment; an account-wide check once, in the first region
 * (IAM is global: judging it per region would only repeat it). No regions: one task per check.
 */
export function planCheckTasks(checkIds: readonly string[], regions: readonly string[]): CheckTask[] {
  if (regions.length === 0) return checkIds.map((checkId) => ({ checkId }));
  return checkIds.flatMap((checkId) => {
    const accountWide = CHECKS[checkId as CheckId]?.scope.kind === 'account';
    return (accountWide ? regions.slice(0, 1) : regions).map((region) => ({ checkId, region }));
  });
}

/** The same task, as a string: `alarms` or `alarms@eu-west-1`. */
export const taskKey = (task: CheckTask) =>
  task.region === undefined ? task.checkId : `${task.checkId}@${task.region}`;

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
