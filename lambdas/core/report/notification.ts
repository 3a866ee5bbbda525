import type { PostureChange } from '../gate/posture';
import type { AuditReport } from './model';
import { renderText } from './render-text';
import { SMS_LIMIT } from './sms';

/** SNS limits: a subject of at most 100 printable ASCII characters; all messages together under 256 KB. */
const MAX_SUBJECT = 100;
const MAX_EMAIL_BYTES = 200 * 1024;

function subjectLine(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_SUBJECT);
}

function fitEmail(text: string): string {
  if (Buffer.byteLength(text) <= MAX_EMAIL_BYTES) return text;
  const note = '\n[report truncated to fit the notification; the full report is stored with the run]\n';
  return Buffer.from(text).subarray(0, MAX_EMAIL_BYTES).toString('utf8') + note;
}

/** Subject and body of the alert that tells people how an audit went. */
export function auditNotification(report: AuditReport, label: string): { subject: string; message: string } {
  const blocking = report.blockingItems.length;
  return {
    subject: subjectLine(
      `Preflight ${report.verdict}: ${label}${blocking > 0 ? ` (${blocking} blocking)` : ''}`,
    ),
    message: fitEmail(renderText(report)),
  };
}

/** The scheduled audit's alert: what failed anew and what recovered since the last run, then the report. */
export function postureNotification(
  report: AuditReport,
  change: PostureChange,
  label: string,
  runId: string,
): { subject: string; email: string; sms: string } {
  const summary = `${change.newFailures.length} new failure(s), ${change.recoveries.length} recovered`;
  const lines = [
    `Changes since the previous ${label}: ${summary}.`,
    ...change.newFailures.map((key) => `  NEW       ${key}`),
    ...change.recoveries.map((key) => `  RECOVERED ${key}`),
    '',
  ];
  // The label names the account and region: a fan-out alerts each account on its own.
  const sms = `Preflight posture ${report.verdict} (${label}): ${summary}. Run ${runId}`.replace(
    /[^\x20-\x7e]/g,
    '?',
  );
  return {
    subject: subjectLine(`Preflight posture ${report.verdict} (${label}): ${summary}`),
    email: fitEmail(`${lines.join('\n')}\n${renderText(report)}`),
    sms: sms.length > SMS_LIMIT ? `${sms.slice(0, SMS_LIMIT - 1)}~` : sms,
  };
}
