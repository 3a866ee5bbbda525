import { SEED_SECTIONS } from '../checklist/seed';
import type { Finding, FindingStatus } from '../findings';
import type { AuditReport, ItemResult, ReportTarget } from './model';

const STATUS_ORDER: readonly FindingStatus[] = ['FAIL', 'ERROR', 'WARN', 'PASS', 'SKIPPED'];

function sectionTitle(id: string): string {
  return SEED_SECTIONS.find((section) => section.id === id)?.title ?? id;
}

/** Groups items by section then group, keeping checklist order. */
export function groupItems(items: readonly ItemResult[]): Map<string, Map<string, ItemResult[]>> {
  const sections = new Map<string, Map<string, ItemResult[]>>();
  for (const item of items) {
    const groups = sections.get(item.section) ?? new Map<string, ItemResult[]>();
    sections.set(item.section, groups);
    groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  }
  return sections;
}

/** Whether a finding speaks to an item: directly by id, or through one of the item's checks. */
export function belongsTo(finding: Finding, item: ItemResult): boolean {
  return finding.itemId !== undefined ? finding.itemId === item.id : item.checkIds.includes(finding.checkId);
}

/** Worst first. */
export function byStatus(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
}

const actionable = (f: Finding) => f.status !== 'PASS' && f.status !== 'SKIPPED';

/** Findings of an item that someone must act on, worst first (account findings have their own section). */
export function actionableFindings(report: AuditReport, item: ItemResult): Finding[] {
  const inAccountSection = new Set(report.account?.findings ?? []);
  return byStatus(
    report.findings.filter((f) => belongsTo(f, item) && actionable(f) && !inAccountSection.has(f)),
  );
}

/** The account findings someone must act on, worst first. */
export function actionableAccountFindings(report: AuditReport): Finding[] {
  return byStatus((report.account?.findings ?? []).filter(actionable));
}

/** `orders-api in prod (account 111122223333, eu-west-1, us-east-1)`. */
export function describeTarget(target: ReportTarget): string {
  const where = [
    target.account === undefined ? undefined : `account ${target.account}`,
    target.regions.length === 0 ? undefined : target.regions.join(', '),
  ].filter((part) => part !== undefined);
  return `${target.service} in ${target.environment}${where.length === 0 ? '' : ` (${where.join(', ')})`}`;
}

/** Where a finding was judged, when the run names regions: ` [eu-west-1]`. */
export const regionTag = (f: Finding) => (f.region === undefined ? '' : ` [${f.region}]`);

function scopeLines(report: AuditReport): string[] {
  const { scope, account } = report;
  const lines = [`Target: ${describeTarget(report.target)}`];
  if (scope !== undefined) {
    lines.push(`Scope: ${scope.selectors.join('; ')}: ${scope.resources.length} resource(s) judged`);
    for (const r of scope.resources) {
      lines.push(`  ${r.region === undefined ? '' : `${r.region}  `}${r.arn}  (${r.why.join('; ')})`);
    }
    if (scope.unmatched.length > 0) lines.push(`  matched nothing: ${scope.unmatched.join('; ')}`);
  }
  if (account !== undefined) {
    lines.push(
      `Account findings: ${account.status}, ${account.blocks ? 'block this gate (accountFindings: block)' : 'shown, do not block this gate (accountFindings: report)'}`,
    );
  }
  return lines;
}

function accountLines(report: AuditReport): string[] {
  const account = report.account;
  if (account === undefined) return [];
  const lines = [
    '',
    `Account findings (judged once per account${report.target.account === undefined ? '' : ` ${report.target.account}`}; ${account.blocks ? 'they block' : 'they do not block'} this verdict)`,
  ];
  for (const f of actionableAccountFindings(report)) {
    lines.push(`    ${f.status.padEnd(5)} ${f.checkId}  ${f.resource}: ${f.message}`);
    if (f.remediation) lines.push(`          fix: ${f.remediation}`);
  }
  if (account.counts.PASS > 0) lines.push(`    ${account.counts.PASS} passing`);
  return lines;
}

/** One line of counts, e.g. `3 PASS, 1 WARN, 2 FAIL, 1 ERROR, 0 SKIPPED`. */
export function formatCounts(counts: Readonly<Record<FindingStatus, number>>): string {
  return (['PASS', 'WARN', 'FAIL', 'ERROR', 'SKIPPED'] as const).map((s) => `${counts[s]} ${s}`).join(', ');
}

/** The one-line summary that closes every text report. */
export function summaryLine(report: AuditReport): string {
  return `Verdict: ${report.verdict} | ${report.items.length} automated items, ${report.blockingItems.length} blocking | findings: ${formatCounts(report.counts)}`;
}

/** A report for a terminal: grouped by checklist section, problems with their fixes, one summary line. */
export function renderText(report: AuditReport): string {
  const lines = [
    `Preflight audit of ${report.label} at ${report.generatedAt} (checklist ${report.checklistVersion})`,
    ...(report.target.implicit ? [] : scopeLines(report)),
  ];
  for (const [section, groups] of groupItems(report.items)) {
    lines.push('', sectionTitle(section));
    for (const [group, items] of groups) {
      lines.push(`  ${group}`);
      for (const item of items) {
        lines.push(`    [${item.status}] ${item.id}  ${item.title}`);
        for (const f of actionableFindings(report, item)) {
          lines.push(
            `        ${f.status.padEnd(5)} ${f.checkId}  ${f.resource}${regionTag(f)}: ${f.message}`,
          );
          if (f.remediation) lines.push(`              fix: ${f.remediation}`);
        }
        if (item.counts.PASS > 0) lines.push(`        ${item.counts.PASS} passing`);
      }
    }
  }
  lines.push(...accountLines(report), '', summaryLine(report));
  return `${lines.join('\n')}\n`;
}
