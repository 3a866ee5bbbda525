import { SEED_SECTIONS } from '../checklist/sections';
import type { Finding, FindingMute, FindingStatus } from '../findings';
import type { AuditReport, ItemResult, ReportTarget } from './model';
import { PLAIN, type TextLayout, type TextStyle, visibleLength, wrap } from './text-layout';

const STATUS_ORDER: readonly FindingStatus[] = ['FAIL', 'ERROR', 'WARN', 'MUTED', 'PASS', 'SKIPPED'];

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

/** Shown with each item: everything but PASS and SKIPPED (a MUTED finding is shown, with its mute). */
const actionable = (f: Finding) => f.status !== 'PASS' && f.status !== 'SKIPPED';

/** `muted until 2026-12-31 (was FAIL): the reason`. */
export const muteNote = (mute: FindingMute) =>
  `muted until ${mute.until} (was ${mute.status}${mute.since === undefined ? '' : `, since ${mute.since}`}): ${mute.reason}`;

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

/** The check and its rule, so two findings of one check on one resource read apart: `database-backups/retention`. */
export const ruleOf = (f: Finding) => `${f.checkId}/${f.rule}`;

/** Where the report's configuration came from, as its first lines say. */
export const configurationLine = (report: AuditReport) =>
  report.configuration === undefined ? [] : [`Configuration: ${report.configuration}`];

/**
 * A finding as a few lines at `indent`: status, check/rule, region and message first; then the fix;
 * then `on` the resource judged (an ARN can be long, so it never opens the line).
 */
export function findingLines(f: Finding, indent: number, layout: TextLayout = {}): string[] {
  const { width, style = PLAIN } = layout;
  const pad = ' '.repeat(indent);
  const hang = indent + 6;
  const under = ' '.repeat(hang);
  return [
    ...wrap(
      `${pad}${style.status(f.status.padEnd(5), f.status)} `,
      `${ruleOf(f)}${regionTag(f)}: ${f.message}`,
      width,
      hang,
    ),
    ...(f.mute === undefined ? [] : wrap(`${under}`, muteNote(f.mute), width, hang)),
    ...(f.remediation ? wrap(`${under}fix: `, f.remediation, width, hang + 5) : []),
    ...(f.resource === '*' ? [] : wrap(`${under}${style.dim('on')} `, f.resource, width, hang + 3)),
  ];
}

/** `[FAIL]` in the style's colour for the status. */
export const statusTag = (status: string, style: TextStyle) => style.status(`[${status}]`, status);

function scopeLines(report: AuditReport, layout: TextLayout): string[] {
  const { width } = layout;
  const { scope, account } = report;
  const lines = [
    ...wrap('Target: ', describeTarget(report.target), width, 2),
    ...(report.target.release === undefined
      ? []
      : wrap('Release: ', report.target.release.join(', '), width, 2)),
  ];
  if (scope !== undefined) {
    lines.push(
      ...wrap(
        'Scope: ',
        `${scope.selectors.join('; ')}: ${scope.resources.length} resource(s) judged`,
        width,
        2,
      ),
    );
    for (const r of scope.resources) {
      lines.push(...wrap('  - ', `${r.why.join('; ')}: ${r.arn}`, width, 4));
    }
    if (scope.unmatched.length > 0)
      lines.push(...wrap('  matched nothing: ', scope.unmatched.join('; '), width, 4));
  }
  if (account !== undefined) {
    lines.push(
      ...wrap(
        'Account findings: ',
        `${account.status}, ${account.blocks ? 'block this gate (accountFindings: block)' : 'shown, do not block this gate (accountFindings: report)'}`,
        width,
        2,
      ),
    );
  }
  return lines;
}

function accountLines(report: AuditReport, layout: TextLayout): string[] {
  const account = report.account;
  if (account === undefined) return [];
  const style = layout.style ?? PLAIN;
  const lines = [
    '',
    ...wrap(
      '',
      `Account findings (judged once per account${report.target.account === undefined ? '' : ` ${report.target.account}`}; ${account.blocks ? 'they block' : 'they do not block'} this verdict)`,
      layout.width,
      2,
    ).map(style.strong),
  ];
  for (const f of actionableAccountFindings(report)) lines.push(...findingLines(f, 4, layout));
  if (account.counts.PASS > 0) lines.push(`    ${style.dim(`${account.counts.PASS} passing`)}`);
  return lines;
}

/**
 * One line of counts, e.g. `3 PASS, 1 WARN, 2 FAIL, 1 ERROR, 0 SKIPPED`; MUTED is named when there
 * are any (`, 1 MUTED`), so a muted finding is never hidden among the passes.
 */
export function formatCounts(counts: Readonly<Record<FindingStatus, number>>): string {
  const statuses = [
    'PASS',
    'WARN',
    'FAIL',
    'ERROR',
    ...((counts.MUTED ?? 0) > 0 ? ['MUTED' as const] : []),
    'SKIPPED',
  ] as const;
  return statuses.map((s) => `${counts[s]} ${s}`).join(', ');
}

/** The one-line summary that closes every text report. */
export function summaryLine(report: AuditReport, style: TextStyle = PLAIN): string {
  return summaryParts(report, style).join(' | ');
}

function summaryParts(report: AuditReport, style: TextStyle): string[] {
  return [
    `Verdict: ${style.status(report.verdict, report.verdict)}`,
    `${report.items.length} automated items, ${report.blockingItems.length} blocking`,
    `findings: ${formatCounts(report.counts)}`,
  ];
}

/** The summary at `indent`, on one line when it fits, else broken at its ` | ` separators. */
export function summaryLines(report: AuditReport, layout: TextLayout, indent = 0): string[] {
  const { width, style = PLAIN } = layout;
  const pad = ' '.repeat(indent);
  const line = `${pad}${summaryLine(report, style)}`;
  if (width === undefined || visibleLength(line) <= width) return [line];
  const [verdict, items, findings] = summaryParts(report, style) as [string, string, string];
  return [
    ...wrap(pad, `${verdict} | ${items} |`, width, indent + 2),
    ...wrap(`${pad}  `, findings, width, indent + 2),
  ];
}

/**
 * A report for a terminal: grouped by checklist section, problems with their fixes, one summary line;
 * wrapped to `layout.width` and coloured by `layout.style` when given.
 */
export function renderText(report: AuditReport, layout: TextLayout = {}): string {
  const { width, style = PLAIN } = layout;
  const lines = [
    ...wrap(
      '',
      `Preflight audit of ${report.label} at ${report.generatedAt} (checklist ${report.checklistVersion})`,
      width,
      2,
    ),
    ...configurationLine(report).flatMap((line) => wrap('', line, width, 2)),
    ...(report.target.implicit ? [] : scopeLines(report, layout)),
  ];
  for (const [section, groups] of groupItems(report.items)) {
    lines.push('', style.strong(sectionTitle(section)));
    for (const [group, items] of groups) {
      lines.push(`  ${group}`);
      for (const item of items) {
        lines.push(...wrap(`    ${statusTag(item.status, style)} `, `${item.id}  ${item.title}`, width, 8));
        for (const f of actionableFindings(report, item)) lines.push(...findingLines(f, 8, layout));
        if (item.counts.PASS > 0) lines.push(`        ${style.dim(`${item.counts.PASS} passing`)}`);
      }
    }
  }
  lines.push(...accountLines(report, layout), '', ...summaryLines(report, layout));
  return `${lines.join('\n')}\n`;
}
