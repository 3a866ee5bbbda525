import type { AuditReport } from './model';

export const SMS_LIMIT = 160;

/**
 * The SMS summary: verdict, counts, what blocks and the run id, in at most 160 characters
 * (one SMS segment of GSM-7 characters, so it is never split or cut by the carrier).
 */
export function smsSummary(report: AuditReport, label: string, runId: string): string {
  const c = report.counts;
  const counts = `${c.FAIL} fail ${c.ERROR} err ${c.WARN} warn ${c.PASS} ok`;
  const first = report.blockingItems[0];
  const blocking =
    first === undefined
      ? ''
      : ` Blocking: ${first}${report.blockingItems.length > 1 ? ` +${report.blockingItems.length - 1}` : ''}.`;
  const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');
  const head = ascii(`Preflight ${report.verdict} ${label}: ${counts}.`);
  const tail = ascii(` Run ${runId}`);
  let message = `${head}${ascii(blocking)}${tail}`;
  if (message.length > SMS_LIMIT) message = `${head}${tail}`;
  if (message.length > SMS_LIMIT) message = `${message.slice(0, SMS_LIMIT - 1)}~`;
  return message;
}
