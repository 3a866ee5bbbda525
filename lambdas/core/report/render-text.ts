import { SEED_SECTIONS } from '../checklist/seed';
import type { Finding, FindingStatus } from '../findings';
import type { AuditReport, ItemResult } from './model';

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

/** Findings of an item that someone must act on, worst first. */
export function actionableFindings(report: AuditReport, item: ItemResult): Finding[] {
  return report.findings
    .filter((f) => belongsTo(f, item) && f.status !== 'PASS' && f.status !== 'SKIPPED')
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
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
    `Preflight audit of ${report.target} at ${report.generatedAt} (checklist ${report.checklistVersion})`,
  ];
  for (const [section, groups] of groupItems(report.items)) {
    lines.push('', sectionTitle(section));
    for (const [group, items] of groups) {
      lines.push(`  ${group}`);
      for (const item of items) {
        lines.push(`    [${item.status}] ${item.id}  ${item.title}`);
        for (const f of actionableFindings(report, item)) {
          lines.push(`        ${f.status.padEnd(5)} ${f.checkId}  ${f.resource}: ${f.message}`);
          if (f.remediation) lines.push(`              fix: ${f.remediation}`);
        }
        if (item.counts.PASS > 0) lines.push(`        ${item.counts.PASS} passing`);
      }
    }
  }
  lines.push('', summaryLine(report));
  return `${lines.join('\n')}\n`;
}
