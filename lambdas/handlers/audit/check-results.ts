import type { ReportStore } from '../../aws/report-store';
import { reportKeys } from '../../aws/report-store';
import { parseStoredCheckResult } from '../../core/checks/stored-result';
import { checkResultFromTaskFailure, unjudgedCheckResult } from '../../core/checks/task-failure';
import { planTasks, taskKey } from '../../core/checks/task-plan';
import type { CheckTask } from '../../core/checks/unreachable';
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
  audit: ValidatedAudit,
  now: Date,
): Promise<CheckResult> {
  const { runId } = audit;
  const region = isFailedTask(entry) ? entry.task?.region : entry.region;
  const inRegion = (result: CheckResult): CheckResult =>
    region === undefined
      ? result
      : { ...result, region, findings: result.findings.map((f) => ({ ...f, region })) };
  if (isFailedTask(entry)) return inRegion(checkResultFromTaskFailure(entry.checkId, entry.taskError, now));
  if (region !== undefined && !audit.target.regions.includes(region)) {
    return unjudgedCheckResult(
      entry.checkId,
      { error: 'ResultUnreadable', explanation: `the run covers no region ${region}`, cause: region },
      now,
    );
  }
  const key = reportKeys.checkResult(
    runId,
    entry.checkId,
    audit.target.regions.length > 1 ? region : undefined,
  );
  const where = `s3://${store.bucket}/${key}`;
  let raw: unknown;
  try {
    raw = await store.getJson<unknown>(key);
  } catch (error) {
    // Throttled or timed out: let the task's Retry try again rather than judge on a blip.
    if (error instanceof AwsCallError && (error.kind === 'throttled' || error.kind === 'timeout'))
      throw error;
    return inRegion(
      unjudgedCheckResult(
        entry.checkId,
        {
          error: 'ResultUnreadable',
          explanation: "the check's stored result could not be read",
          cause: `${where}: ${(error as Error).message}`,
        },
        now,
      ),
    );
  }
  if (raw === undefined) {
    return inRegion(
      unjudgedCheckResult(
        entry.checkId,
        { error: 'ResultMissing', explanation: "the check's stored result is missing", cause: where },
        now,
      ),
    );
  }
  const parsed = parseStoredCheckResult(raw, entry.checkId, region);
  if (parsed.ok) return parsed.result;
  return inRegion(
    unjudgedCheckResult(
      entry.checkId,
      {
        error: 'ResultUnreadable',
        explanation: "the check's stored result is malformed",
        cause: `${where}: ${parsed.problem}`,
      },
      now,
    ),
  );
}

/**
 * The checks this run had to judge: in a gate, every check the target's settings enable (`enabled`), whatever
 * the earlier states selected; in a scheduled run, the ones it selected.
 */
export function requiredChecks(audit: ValidatedAudit, enabled: readonly string[]): string[] {
  return audit.mode === 'gate' ? [...new Set([...enabled, ...audit.checkIds])] : [...audit.checkIds];
}

/** Each required check in each region of the run (the `accountWide` checks once). */
export function requiredTasks(
  audit: ValidatedAudit,
  required: readonly string[],
  accountWide: readonly string[],
): CheckTask[] {
  return planTasks(required, audit.target.regions, (checkId) => accountWide.includes(checkId));
}

function notRun(task: CheckTask, mode: ValidatedAudit['mode'], now: Date): CheckResult {
  const { checkId, region } = task;
  const result = unjudgedCheckResult(
    checkId,
    {
      error: 'CheckNotRun',
      explanation:
        mode === 'gate'
          ? 'the check was not run, and a gate judges every enabled check'
          : 'the check was selected but was not run',
      cause: `no result for ${taskKey(task)} reached the report`,
    },
    now,
  );
  return region === undefined
    ? result
    : { ...result, region, findings: result.findings.map((f) => ({ ...f, region })) };
}

/**
 * One result per check and region the run had to judge, in the order the run produced them, then
 * the missing ones (an ERROR each: a region whose result never arrived is not a pass).
 */
export async function collectCheckResults(
  entries: ReadonlyArray<StoredCheckResult | FailedCheckTask>,
  required: readonly CheckTask[],
  audit: ValidatedAudit,
  store: ReportStore,
  now: Date,
): Promise<CheckResult[]> {
  const loaded = await Promise.all(entries.map((entry) => loadResult(entry, store, audit, now)));
  const have = new Set(
    loaded.map((result) =>
      taskKey({ checkId: result.checkId, ...(result.region === undefined ? {} : { region: result.region }) }),
    ),
  );
  const missing = required.filter((task) => !have.has(taskKey(task)));
  return [...loaded, ...missing.map((task) => notRun(task, audit.mode, now))];
}
