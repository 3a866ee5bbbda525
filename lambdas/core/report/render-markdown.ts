import { SEED_SECTIONS } from '../checklist/sections';
import type { AuditReport } from './model';
import {
  actionableAccountFindings,
  actionableFindings,
  describeTarget,
  formatCounts,
  groupItems,
  muteNote,
  regionTag,
  ruleOf,
} from './render-text';

const ICON: Readonly<Record<string, string>> = {
  PASS: '✅',
  WARN: '⚠️',
  FAIL: '❌',
  ERROR: '🛑',
  MUTED: '🔕',
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
    `Audit of ${report.label} at ${report.generatedAt}, checklist ${report.checklistVersion}. Findings: ${formatCounts(report.counts)}.`,
    ...(report.configuration === undefined ? [] : ['', `Configuration: ${report.configuration}.`]),
  ];
  if (!report.target.implicit) lines.push('', ...scopeSection(report));
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
          `| ${f.status} | ${ruleOf(f)} | ${cell(f.resource)}${regionTag(f)} | ${cell(f.message)}${f.mute === undefined ? '' : ` (${cell(muteNote(f.mute))})`} | ${cell(f.remediation ?? '')} |`,
        );
      }
    }
  }
  lines.push(...accountSection(report));
  return `${lines.join('\n')}\n`;
}

function scopeSection(report: AuditReport): string[] {
  const lines = [
    `**Target:** ${describeTarget(report.target)}`,
    ...(report.target.release === undefined
      ? []
      : [`**Release:** ${report.target.release.map((image) => `\`${image}\``).join(', ')}`]),
  ];
  const scope = report.scope;
  if (scope !== undefined) {
    lines.push(
      '',
      `**Scope:** ${scope.selectors.map((s) => `\`${s}\``).join(', ')}: ${scope.resources.length} resource(s) judged.${
        scope.unmatched.length > 0
          ? ` Matched nothing: ${scope.unmatched.map((s) => `\`${s}\``).join(', ')}.`
          : ''
      }`,
    );
    if (scope.resources.length > 0) {
      lines.push('', '<details><summary>Resources in scope</summary>', '');
      lines.push('| region | resource | why | checks |', '| --- | --- | --- | --- |');
      for (const r of scope.resources) {
        lines.push(
          `| ${r.region ?? ''} | ${cell(r.arn)} | ${cell(r.why.join('; '))} | ${r.checks.join(', ')} |`,
        );
      }
      lines.push('', '</details>');
    }
  }
  return lines;
}

function accountSection(report: AuditReport): string[] {
  const account = report.account;
  if (account === undefined) return [];
  const lines = [
    '',
    `### Account findings: ${ICON[account.status] ?? ''} ${account.status}`,
    '',
    `Judged once per account; ${account.blocks ? 'they block this verdict (`accountFindings: block`)' : 'shown, they do not block this verdict (`accountFindings: report`)'}. ${formatCounts(account.counts)}.`,
  ];
  const problems = actionableAccountFindings(report);
  if (problems.length > 0) {
    lines.push('', '| status | check | resource | finding | fix |', '| --- | --- | --- | --- | --- |');
    for (const f of problems) {
      lines.push(
        `| ${f.status} | ${ruleOf(f)} | ${cell(f.resource)} | ${cell(f.message)} | ${cell(f.remediation ?? '')} |`,
      );
    }
  }
  return lines;
}
