import middy from '@middy/core';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { logger } from '../logger';
import { assembleAudit } from './assemble';
import type { AuditOutcome, BuildReportEvent } from './contract';
import { auditEnvironment } from './env';

let store: S3ReportStore | undefined;

/**
 * Rolls everything the run learnt (checks, attestations, window, backups, sign-offs) into the
 * report and the verdict, stores the report, and decides whom to tell.
 */
export async function run(event: BuildReportEvent): Promise<AuditOutcome> {
  store ??= new S3ReportStore(auditEnvironment().REPORT_BUCKET);
  const assembled = await assembleAudit(event, store);
  const { runId } = event.audit;
  const json = await store.putJson(reportKeys.reportJson(runId), assembled.report);
  const markdown = await store.putText(reportKeys.reportMarkdown(runId), assembled.markdown, 'text/markdown');
  if (assembled.posture !== undefined) {
    await store.putJson(reportKeys.posture(event.audit.scope), assembled.posture.failing);
  }
  logger.info('audit verdict', {
    runId,
    verdict: assembled.report.verdict,
    blocking: assembled.report.blockingItems,
  });
  return {
    runId,
    verdict: assembled.report.verdict,
    counts: assembled.report.counts,
    blockingItems: assembled.report.blockingItems,
    reportLocation: { json, markdown },
    notify: assembled.notify,
    awaitSignoffs: assembled.awaitSignoffs,
    signoffRoles: assembled.signoffRoles,
    notification: assembled.notification,
  };
}

export const handler = middy(run);
