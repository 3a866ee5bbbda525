import { computeVerdict } from './build';
import type { AuditReport, Verdict } from './model';
import { renderMarkdown } from './render-markdown';
import {
  actionableFindings,
  configurationLine,
  describeTarget,
  findingLines,
  formatCounts,
  statusTag,
  summaryLines,
} from './render-text';
import { PLAIN, type TextLayout, wrap } from './text-layout';

/*
 * Several services at once (`preflight audit` over every service of the configuration): each
 * service's verdict with what blocks it, judged on its own resources only, then one line per service.
 */

/** FAIL when any report fails, else ERROR when any could not be judged, else PASS. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return computeVerdict(verdicts, false);
}

/**
 * A few lines per service: its verdict, scope, what blocks it and why; then one line per service.
 * Wrapped to `layout.width` and coloured by `layout.style` when given.
 */
export function renderTargetsText(reports: readonly AuditReport[], layout: TextLayout = {}): string {
  const { width, style = PLAIN } = layout;
  const lines: string[] = [...new Set(reports.flatMap(configurationLine))];
  if (lines.length > 0) lines.push('');
  for (const report of reports) {
    lines.push(
      `${style.strong(describeTarget(report.target))}: ${style.status(report.verdict, report.verdict)}`,
    );
    if (report.scope !== undefined) {
      lines.push(
        ...wrap(
          '  scope: ',
          `${report.scope.selectors.join('; ')}: ${report.scope.resources.length} resource(s) judged${
            report.scope.unmatched.length > 0 ? `; matched nothing: ${report.scope.unmatched.join('; ')}` : ''
          }`,
          width,
          4,
        ),
      );
    }
    for (const id of report.blockingItems) {
      const item = report.items.find((i) => i.id === id);
      if (item === undefined) continue;
      lines.push(`  ${statusTag(item.status, style)} ${item.id}`);
      for (const f of actionableFindings(report, item).filter(
        (f) => f.status === 'FAIL' || f.status === 'ERROR',
      )) {
        lines.push(...findingLines(f, 6, layout));
      }
    }
    if (report.account !== undefined) {
      lines.push(
        ...wrap(
          '  account findings: ',
          `${report.account.status} (${formatCounts(report.account.counts)}); ${report.account.blocks ? 'they block' : 'shown, they do not block'}`,
          width,
          4,
        ),
      );
    }
    lines.push(...summaryLines(report, layout, 2), '');
  }
  const column = Math.max(...reports.map((r) => `${r.target.service} ${r.target.environment}`.length));
  lines.push('Per service:');
  for (const r of reports) {
    lines.push(
      `  ${`${r.target.service} ${r.target.environment}`.padEnd(column)}  ${style.status(r.verdict, r.verdict)}`,
    );
  }
  const verdict = worstVerdict(reports.map((r) => r.verdict));
  const tally = (['PASS', 'FAIL', 'ERROR'] as const)
    .map((v) => `${reports.filter((r) => r.verdict === v).length} ${v}`)
    .join(', ');
  lines.push(
    '',
    ...wrap(
      '',
      `Verdict: ${style.status(verdict, verdict)} | ${reports.length} services and environments: ${tally}`,
      width,
      2,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** One summary table, then each service's report. */
export function renderTargetsMarkdown(reports: readonly AuditReport[]): string {
  const configurations = [...new Set(reports.flatMap((r) => r.configuration ?? []))];
  const lines = [
    `## Preflight: ${worstVerdict(reports.map((r) => r.verdict))} over ${reports.length} services and environments`,
    '',
    ...configurations.map((c) => `Configuration: ${c}.`),
    ...(configurations.length > 0 ? [''] : []),
    '| service | environment | verdict | blocking |',
    '| --- | --- | --- | --- |',
    ...reports.map(
      (r) =>
        `| ${r.target.service} | ${r.target.environment} | ${r.verdict} | ${r.blockingItems.join(', ') || 'none'} |`,
    ),
  ];
  return `${lines.join('\n')}\n\n${reports.map((r) => renderMarkdown(r).replace(/^## /, '## ')).join('\n')}`;
}
