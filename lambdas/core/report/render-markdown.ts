import { SEED_SECTIONS } from '../checklist/seed';
import type { AuditReport } from './model';
import { actionableFindings, formatCounts, groupItems } from './render-text';

const ICON: Readonly<Record<string, string>> = {
  PASS: '✅',
  WARN: '⚠️',
  FAIL: '❌',
  ERROR: '🛑',
  SKIPPED: '⏭️',
  NOT_RUN: '➖',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A report that fits a CI job summary or a pull request comment. */
export function renderMarkdown(report: AuditReport): string {
  const lines = [
    `## Preflight: ${ICON[report.verdict] ?? ''} ${report.verdict}`,
    '',
    `Audit of ${report.target} at ${report.generatedAt}, checklist ${report.checklistVersion}. Findings: ${formatCounts(report.counts)}.`,
  ];
  for (const [section, groups] of groupItems(report.items)) {
    lines.push('', `### ${SEED_SECTIONS.find((s) => s.id === section)?.title ?? section}`, '');
    lines.push('| status | item | checks |', '| --- | --- | --- |');
    for (const items of groups.values()) {
      for (const item of items) {
        lines.push(
          `| ${ICON[item.status] ?? ''} ${item.status} | \`${item.id}\` ${cell(item.title)} | ${item.checkIds.join(', ')} |`,
        );
      }
    }
    // A check that verifies two items of the section would list its findings twice.
    const problems = [
      ...new Set([...groups.values()].flat().flatMap((item) => actionableFindings(report, item))),
    ];
    if (problems.length > 0) {
      lines.push('', '| status | check | resource | finding | fix |', '| --- | --- | --- | --- | --- |');
      for (const f of problems) {
        lines.push(
          `| ${f.status} | ${f.checkId} | ${cell(f.resource)} | ${cell(f.message)} | ${cell(f.remediation ?? '')} |`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
