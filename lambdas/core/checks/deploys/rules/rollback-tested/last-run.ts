import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { dayCount, elapsedDays, newestFirst, wholeDays } from '../../../kit/time';
import { rollbackTestedFinding } from '../../finding';
import type { AutomationExecution } from '../../ports';

type Settings = Pick<CheckSettings['rollback-tested'], 'periodDays'>;

/** Runs that have not finished: they say nothing yet about whether the rollback works. */
const RUNNING = new Set([
  'Pending',
  'InProgress',
  'Waiting',
  'Cancelling',
  'PendingApproval',
  'Approved',
  'Scheduled',
  'RunbookInProgress',
  'PendingChangeCalendarOverride',
  'ChangeCalendarOverrideApproved',
]);

/** True for a run that ended, whichever way. */
export const isFinished = (run: AutomationExecution) => !RUNNING.has(run.status);

const at = (run: AutomationExecution) => run.startedAt;

function describe(run: AutomationExecution | undefined, now: Date): Record<string, unknown> | null {
  if (run === undefined) return null;
  return {
    executionId: run.id,
    status: run.status,
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    daysAgo: run.startedAt === undefined ? null : wholeDays(elapsedDays(run.startedAt, now)),
    ...(run.failureMessage === undefined ? {} : { failureMessage: run.failureMessage }),
  };
}

/**
 * `last-run`: the rollback document's newest finished run within the period succeeded. A newest
 * run that failed, timed out or was cancelled FAILs (a rollback that did not work last time is not
 * ready); no finished run in the period FAILs with the last run before it, if any, in evidence.
 * Runs still going are shown, not counted. The runs that could not be read: ERROR.
 */
export function judgeLastRun(
  documentName: string,
  inPeriod: Outcome<readonly AutomationExecution[]>,
  before: Outcome<readonly AutomationExecution[]> | undefined,
  settings: Settings,
  now: Date,
): Finding {
  const evidence = { document: documentName, periodDays: settings.periodDays };
  if (!inPeriod.ok)
    return errorFinding(rollbackTestedFinding, 'last-run', documentName, inPeriod.error, evidence);
  const runs = newestFirst(inPeriod.value, at);
  const finished = runs.filter((run) => isFinished(run));
  const running = runs.filter((run) => !isFinished(run)).map((run) => run.id);
  const last = finished[0];
  const seen = { ...evidence, runsInPeriod: runs.length, running, lastExecution: describe(last, now) };
  if (last === undefined) {
    const earlier =
      before?.ok === true ? newestFirst(before.value, at).find((run) => isFinished(run)) : undefined;
    return rollbackTestedFinding('last-run', documentName, {
      status: 'FAIL',
      message: `${documentName} has not run to the end in the last ${dayCount(settings.periodDays)}${
        earlier === undefined
          ? ''
          : ` (last run: ${earlier.status}, ${earlier.startedAt?.toISOString() ?? 'start unknown'})`
      }: the rollback is untested.`,
      remediation: `Run the rollback in a test environment or a game day (aws ssm start-automation-execution --document-name ${documentName}) and fix what fails.`,
      evidence: {
        ...seen,
        lastExecution: describe(earlier, now),
        ...(before?.ok === false ? { earlierRuns: 'could not be read' } : {}),
      },
    });
  }
  const days = last.startedAt === undefined ? undefined : wholeDays(elapsedDays(last.startedAt, now));
  const when = days === undefined ? 'at an unknown time' : `${dayCount(days)} ago`;
  if (last.status === 'Success') {
    return rollbackTestedFinding('last-run', documentName, {
      status: 'PASS',
      message: `${documentName} last ran successfully ${when} (within ${dayCount(settings.periodDays)}).`,
      evidence: seen,
    });
  }
  return rollbackTestedFinding('last-run', documentName, {
    status: 'FAIL',
    message: `${documentName}'s last run ${when} ended ${last.status}${last.failureMessage === undefined ? '' : `: ${last.failureMessage}`}.`,
    remediation: `Fix what made the rollback fail (aws ssm get-automation-execution --automation-execution-id ${last.id}), then run it again until it succeeds.`,
    evidence: seen,
  });
}
