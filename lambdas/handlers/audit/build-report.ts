import middy from '@middy/core';
import { resolveChecklist } from '../../core/checklist/resolve';
import { checkResultFromTaskFailure } from '../../core/checks/task-failure';
import { validateConfig } from '../../core/config/validate';
import type { CheckResult } from '../../core/findings';
import { buildReport } from '../../core/report/build';
import { auditNotification } from '../../core/report/notification';
import { logger } from '../logger';
import type { AuditOutcome, BuildReportEvent, FailedCheckTask } from './contract';

function isFailedTask(result: CheckResult | FailedCheckTask): result is FailedCheckTask {
  return 'taskError' in result;
}

/** Rolls the checks' results up into the report, the verdict and the notification. */
export async function run(event: BuildReportEvent): Promise<AuditOutcome> {
  const config = validateConfig(event.config, 'the state machine configuration');
  const now = new Date(event.now);
  const results = event.results.map((r) =>
    isFailedTask(r) ? checkResultFromTaskFailure(r.checkId, r.taskError, now) : r,
  );
  const report = buildReport({
    checklist: resolveChecklist(config),
    results,
    now,
    target: event.target,
    warnBlocks: config.gate.warnBlocks,
  });
  logger.info('audit verdict', {
    verdict: report.verdict,
    counts: report.counts,
    blocking: report.blockingItems,
  });
  return {
    verdict: report.verdict,
    counts: report.counts,
    blockingItems: report.blockingItems,
    notification: auditNotification(report, event.target),
    report,
  };
}

export const handler = middy(run);
