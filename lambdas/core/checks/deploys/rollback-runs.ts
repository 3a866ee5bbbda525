import { mapWithConcurrency } from '../../concurrency';
import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import { settle } from '../kit/outcome';
import { daysBefore } from '../kit/time';
import type { DeploysPorts } from './ports';
import { isFinished, judgeLastRun } from './rules/rollback-tested/last-run';

/** Documents whose runs are read at once: SSM's describe calls share one account rate. */
export const DOCUMENT_CONCURRENCY = 2;

/**
 * The rollback-tested check: each rollback document's runs within the period; where none finished
 * there, the runs before it are read too, to show the last one.
 */
export async function judgeRollbackTested(
  ports: DeploysPorts,
  settings: CheckSettings['rollback-tested'],
  now: Date,
): Promise<Finding[]> {
  // No document named: no finding, and the runner says so (WARN for a service, SKIPPED for the account).
  if (settings.documents.length === 0) return [];
  const since = daysBefore(now, settings.periodDays);
  return mapWithConcurrency(settings.documents, DOCUMENT_CONCURRENCY, async (document) => {
    const inPeriod = await settle(() => ports.automationExecutions(document, since));
    const finishedInPeriod = inPeriod.ok && inPeriod.value.some(isFinished);
    const before =
      inPeriod.ok && !finishedInPeriod ? await settle(() => ports.automationExecutions(document)) : undefined;
    return judgeLastRun(document, inPeriod, before, settings, now);
  });
}
