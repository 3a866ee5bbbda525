import type { ReportStore } from '../../aws/report-store';
import { reportKeys } from '../../aws/report-store';
import { selectChecks } from '../../core/checks/run';
import { parseStoredCheckResult } from '../../core/checks/stored-result';
import { checkResultFromTaskFailure, unjudgedCheckResult } from '../../core/checks/task-failure';
import type { PreflightConfig } from '../../core/config/schema';
import { AwsCallError } from '../../core/errors';
import type { CheckResult } from '../../core/findings';
import type { FailedCheckTask, StoredCheckResult, ValidatedAudit } from './contract';

/*
 * The check results a report is built from. Only what the run can vouch for counts as judged: a
 * result read back from S3 must be there, be readable and be the check's own, and every check the
 * run had to judge must have one; anything else is an ERROR for that check's items.
 */

function isFailedTask(result: StoredCheckResult | FailedCheckTask): result is FailedCheckTask {
  return 'taskError' in result;
}

/**
 * The check's result as its task stored it under this run's own key (never a key named by the
 * state): missing, unreadable or malformed is an ERROR for the check, never "no findings".
 */
async function loadResult(
  entry: StoredCheckResult | FailedCheckTask,
  store: ReportStore,
  runId: string,
  now: Date,
): Promise<CheckResult> {
  if (isFailedTask(entry)) return checkResultFromTaskFailure(entry.checkId, entry.taskError, now);
  const key = reportKeys.checkResult(runId, entry.checkId);
  const where = `s3://${store.bucket}/${key}`;
  let raw: unknown;
  try {
    raw = await store.getJson<unknown>(key);
  } catch (error) {
    // Throttled or timed out: let the task's Retry try again rather than judge on a blip.
    if (error instanceof AwsCallError && (error.kind === 'throttled' || error.kind === 'timeout'))
      throw error;
    return unjudgedCheckResult(
      entry.checkId,
      {
        error: 'ResultUnreadable',
        explanation: "the check's stored result could not be read",
        cause: `${where}: ${(error as Error).message}`,
      },
      now,
    );
  }
  if (raw === undefined) {
    return unjudgedCheckResult(
      entry.checkId,
      { error: 'ResultMissing', explanation: "the check's stored result is missing", cause: where },
      now,
    );
  }
  const parsed = parseStoredCheckResult(raw, entry.checkId);
  if (parsed.ok) return parsed.result;
  return unjudgedCheckResult(
    entry.checkId,
    {
      error: 'ResultUnreadable',
      explanation: "the check's stored result is malformed",
      cause: `${where}: ${parsed.problem}`,
    },
    now,
  );
}

/**
 * The checks this run had to judge: in a gate, every check the configuration enables, whatever the
 * earlier states selected; in a scheduled run, the ones it selected.
 */
export function requiredChecks(audit: ValidatedAudit, config: PreflightConfig): string[] {
  return audit.mode === 'gate'
    ? [...new Set([...selectChecks(config), ...audit.checkIds])]
    : [...audit.checkIds];
}

function notRun(checkId: string, mode: ValidatedAudit['mode'], now: Date): CheckResult {
  return unjudgedCheckResult(
    checkId,
    {
      error: 'CheckNotRun',
      explanation:
        mode === 'gate'
          ? 'the check was not run, and a gate judges every enabled check'
          : 'the check was selected but was not run',
      cause: `no result for ${checkId} reached the report`,
    },
    now,
  );
}

/** One result per check the run had to judge, in the order the run produced them, then the missing ones. */
export async function collectCheckResults(
  entries: ReadonlyArray<StoredCheckResult | FailedCheckTask>,
  required: readonly string[],
  audit: ValidatedAudit,
  store: ReportStore,
  now: Date,
): Promise<CheckResult[]> {
  const loaded = await Promise.all(entries.map((entry) => loadResult(entry, store, audit.runId, now)));
  const missing = required.filter((id) => !loaded.some((result) => result.checkId === id));
  return [...loaded, ...missing.map((id) => notRun(id, audit.mode, now))];
}
