import type { AuditReport } from './model';
import { renderText } from './render-text';

/** SNS limits: a subject of at most 100 printable ASCII characters, a message under 256 KB. */
const MAX_SUBJECT = 100;
const MAX_MESSAGE_BYTES = 240 * 1024;

/** Subject and body of the alert that tells people how an audit went. */
export function auditNotification(report: AuditReport, label: string): { subject: string; message: string } {
  const blocking = report.blockingItems.length;
  const subject = `Preflight ${report.verdict}: ${label}${blocking > 0 ? ` (${blocking} blocking)` : ''}`
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, MAX_SUBJECT);
  let message = renderText(report);
  if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) {
    const note = '\n[report truncated to fit the notification; the full report is in the execution output]\n';
    message = Buffer.from(message).subarray(0, MAX_MESSAGE_BYTES).toString('utf8') + note;
  }
  return { subject, message };
}
