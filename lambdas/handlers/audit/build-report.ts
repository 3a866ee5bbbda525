import middy from '@middy/core';
import { DynamoHistoryStore } from '../../aws/history-store';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import { auditEvents } from '../../core/events/audit-events';
import { FUNCTION_METRICS } from '../../core/metrics';
import { ReportSettingsSchema } from '../../core/report/settings-schema';
import { invalidInput } from '../errors';
import { logger } from '../logger';
import { emitMetrics } from '../metrics';
import { baseMiddleware } from '../middleware';
import { assembleAudit } from './assemble';
import type { AuditOutcome, BuildReportEvent } from './contract';
import { BuildReportEnvironment } from './env';

let store: S3ReportStore | undefined;
let history: DynamoHistoryStore | undefined;

/**
 * Rolls everything the run learnt (checks, attestations, window, backups, sign-offs) into the
 * report and the verdict, stores the report, and decides whom to tell. What it judges with is the
 * report's slice of the configuration (`settings`), not the whole configuration.
 */
export async function run(event: BuildReportEvent): Promise<AuditOutcome> {
  const env = BuildReportEnvironment.read();
  // The report's slice of the configuration, written into the definition at synth time: validated
  // before anything is read or written, each problem named by its field.
  const settings = ReportSettingsSchema.safeParse(event.settings);
  if (!settings.success) {
    throw invalidInput(
      'report settings',
      settings.error.issues.map((issue) => ({ ...issue, path: ['settings', ...issue.path] })),
    );
  }
  store ??= new S3ReportStore(env.REPORT_BUCKET);
  history ??= new DynamoHistoryStore(env.HISTORY_TABLE);
  const assembled = await assembleAudit(event, settings.data, store);
  const { runId } = event.audit;
  const json = await store.putJson(reportKeys.reportJson(runId), assembled.report);
  const markdown = await store.putText(reportKeys.reportMarkdown(runId), assembled.markdown, 'text/markdown');
  // Only staged here: the memory is saved after the alert is published (remember-posture.ts).
  const rememberPosture = assembled.posture !== undefined && assembled.notify;
  if (rememberPosture) {
    await store.putJson(reportKeys.pendingPosture(runId), assembled.posture?.failing);
  }
  for (const event of assembled.history) await history.record(event);
  // The final report only: a gate waiting for sign-offs is counted once they are in.
  if (!assembled.awaitSignoffs) {
    const { verdict } = assembled.report;
    emitMetrics(assembled.report.target, [
      { name: FUNCTION_METRICS.verdictPass, value: verdict === 'PASS' ? 1 : 0 },
      { name: FUNCTION_METRICS.verdictFail, value: verdict === 'FAIL' ? 1 : 0 },
      { name: FUNCTION_METRICS.verdictError, value: verdict === 'ERROR' ? 1 : 0 },
      { name: FUNCTION_METRICS.blockingItems, value: assembled.report.blockingItems.length },
    ]);
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
    rememberPosture,
    awaitSignoffs: assembled.awaitSignoffs,
    signoffRoles: assembled.signoffRoles,
    notification: assembled.notification,
    events: auditEvents({
      mode: event.audit.mode,
      runId,
      report: assembled.report,
      notify: assembled.notify,
      awaitSignoffs: assembled.awaitSignoffs,
      subject: assembled.notification.subject,
      reportLocation: { json, markdown },
    }),
  };
}

export const handler = middy(run).use(baseMiddleware({ environment: BuildReportEnvironment }));
