import type { FindingStatus } from '../findings';
import { SMS_LIMIT } from '../report/sms';
import type { OrganizationSummary, SummaryTarget } from './summary';

/*
 * The organization summary in words: Markdown (stored beside the JSON), plain text (the email) and
 * one SMS line. Worst first, so what needs doing is at the top of a list of hundreds.
 */

const ORDER: Readonly<Record<string, number>> = { FAIL: 0, ERROR: 1, PASS: 2 };
const MAX_SUBJECT = 100;
const MAX_EMAIL_BYTES = 200 * 1024;

function worstFirst(results: readonly SummaryTarget[]): SummaryTarget[] {
  return [...results].sort((a, b) => (ORDER[a.verdict] ?? 3) - (ORDER[b.verdict] ?? 3) || a.index - b.index);
}

function counts(c: Readonly<Record<FindingStatus, number>> | undefined): string {
  if (c === undefined) return '-';
  return `${c.FAIL} fail, ${c.ERROR} error, ${c.WARN} warn, ${c.PASS} pass${(c.MUTED ?? 0) > 0 ? `, ${c.MUTED} muted` : ''}`;
}

function headline(summary: OrganizationSummary): string {
  const t = summary.targets;
  return `${t.total} account(s) and region(s): ${t.PASS} PASS, ${t.FAIL} FAIL, ${t.ERROR} ERROR`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function alertWord(target: SummaryTarget): string {
  return target.alert === 'published' ? 'alerted' : target.alert === 'failed' ? 'alert FAILED' : '';
}

function what(target: SummaryTarget): string {
  return target.problem ?? counts(target.counts);
}

export function renderSummaryMarkdown(summary: OrganizationSummary): string {
  const lines = [
    `## Preflight organization posture: ${summary.verdict}`,
    '',
    `Run ${summary.runId} at ${summary.generatedAt}. ${headline(summary)}.`,
  ];
  if (summary.fanoutError !== undefined) {
    lines.push('', `**The fan-out stopped before every audit finished:** ${cell(summary.fanoutError)}`);
  }
  if (summary.listingProblems.length > 0) {
    lines.push('', '### OUs not listed (their accounts were not audited)', '');
    lines.push('| OU | problem | fix |', '| --- | --- | --- |');
    for (const p of summary.listingProblems) {
      lines.push(`| ${p.parent} | ${cell(p.message)} | ${cell(p.remediation)} |`);
    }
  }
  lines.push('', '### Accounts and regions', '');
  lines.push('| verdict | target | account | region | findings | alert | report |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const t of worstFirst(summary.results)) {
    lines.push(
      `| ${t.verdict} | ${cell(t.label)} | ${t.account ?? "Preflight's"} | ${t.region ?? "Preflight's"} | ${cell(what(t))} | ${alertWord(t)} | ${t.report?.markdown ?? ''} |`,
    );
  }
  if (summary.notAudited.length > 0) {
    lines.push(
      '',
      '### Accounts not audited',
      '',
      '| account | name | state | OU |',
      '| --- | --- | --- | --- |',
    );
    for (const a of summary.notAudited) {
      lines.push(`| ${a.id} | ${cell(a.name ?? '')} | ${a.state} | ${a.parent} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function renderSummaryText(summary: OrganizationSummary): string {
  const lines = [
    `Preflight organization posture: ${summary.verdict}`,
    `Run ${summary.runId} at ${summary.generatedAt}. ${headline(summary)}.`,
  ];
  if (summary.fanoutError !== undefined) {
    lines.push('', `The fan-out stopped before every audit finished: ${summary.fanoutError}`);
  }
  for (const p of summary.listingProblems) {
    lines.push('', `OU ${p.parent} NOT LISTED: ${p.message}`, `  Fix: ${p.remediation}`);
  }
  lines.push('');
  for (const t of worstFirst(summary.results)) {
    const alert = alertWord(t);
    lines.push(`${t.verdict.padEnd(5)} ${t.label}: ${what(t)}${alert === '' ? '' : ` (${alert})`}`);
    if (t.report !== undefined) lines.push(`      ${t.report.markdown}`);
  }
  if (summary.notAudited.length > 0) {
    lines.push('', 'Not audited:');
    for (const a of summary.notAudited) {
      lines.push(`  ${a.id}${a.name === undefined ? '' : ` (${a.name})`}: ${a.state} in ${a.parent}`);
    }
  }
  const text = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(text) <= MAX_EMAIL_BYTES) return text;
  return `${Buffer.from(text).subarray(0, MAX_EMAIL_BYTES).toString('utf8')}\n[summary truncated to fit the notification; the full summary is stored with the run]\n`;
}

/** Subject, email and SMS of the summary's one message. */
export function summaryNotification(summary: OrganizationSummary): {
  subject: string;
  email: string;
  sms: string;
} {
  const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');
  const subject = ascii(`Preflight organization ${summary.verdict}: ${headline(summary)}`).slice(
    0,
    MAX_SUBJECT,
  );
  const t = summary.targets;
  let sms = ascii(
    `Preflight organization ${summary.verdict}: ${t.FAIL} fail ${t.ERROR} err ${t.PASS} ok of ${t.total}. Run ${summary.runId}`,
  );
  if (sms.length > SMS_LIMIT) sms = `${sms.slice(0, SMS_LIMIT - 1)}~`;
  return { subject, email: renderSummaryText(summary), sms };
}
