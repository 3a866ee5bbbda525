import { computeVerdict } from './build';
import type { AuditReport, Verdict } from './model';
import { renderMarkdown } from './render-markdown';
import { actionableFindings, describeTarget, formatCounts, regionTag, summaryLine } from './render-text';

/*
 * Several services at once (`preflight audit` over every service of the configuration): each
 * service's verdict with what blocks it, judged on its own resources only, then one line per service.
 */

/** FAIL when any report fails, else ERROR when any could not be judged, else PASS. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return computeVerdict(verdicts, false);
}

/** A few lines per service: its verdict, scope, what blocks it and why; then one line per service. */
export function renderTargetsText(reports: readonly AuditReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`${describeTarget(report.target)}: ${report.verdict}`);
    if (report.scope !== undefined) {
      lines.push(
        `  scope: ${report.scope.selectors.join('; ')}: ${report.scope.resources.length} resource(s) judged${
          report.scope.unmatched.length > 0 ? `; matched nothing: ${report.scope.unmatched.join('; ')}` : ''
        }`,
      );
    }
    for (const id of report.blockingItems) {
      const item = report.items.find((i) => i.id === id);
      if (item === undefined) continue;
      lines.push(`  [${item.status}] ${item.id}`);
      for (const f of actionableFindings(report, item).filter(
        (f) => f.status === 'FAIL' || f.status === 'ERROR',
      )) {
        lines.push(`      ${f.status.padEnd(5)} ${f.checkId}  ${f.resource}${regionTag(f)}: ${f.message}`);
      }
    }
    if (report.account !== undefined) {
      lines.push(
        `  account findings: ${report.account.status} (${formatCounts(report.account.counts)}); ${report.account.blocks ? 'they block' : 'shown, they do not block'}`,
      );
    }
    lines.push(`  ${summaryLine(report)}`, '');
  }
  const width = Math.max(...reports.map((r) => `${r.target.service} ${r.target.environment}`.length));
  lines.push('Per service:');
  for (const r of reports) {
    lines.push(`  ${`${r.target.service} ${r.target.environment}`.padEnd(width)}  ${r.verdict}`);
  }
  const verdict = worstVerdict(reports.map((r) => r.verdict));
  const tally = (['PASS', 'FAIL', 'ERROR'] as const)
    .map((v) => `${reports.filter((r) => r.verdict === v).length} ${v}`)
    .join(', ');
  lines.push('', `Verdict: ${verdict} | ${reports.length} services and environments: ${tally}`);
  return `${lines.join('\n')}\n`;
}

/** One summary table, then each service's report. */
export function renderTargetsMarkdown(reports: readonly AuditReport[]): string {
  const lines = [
    `## Preflight: ${worstVerdict(reports.map((r) => r.verdict))} over ${reports.length} services and environments`,
    '',
    '| service | environment | verdict | blocking |',
    '| --- | --- | --- | --- |',
    ...reports.map(
      (r) =>
        `| ${r.target.service} | ${r.target.environment} | ${r.verdict} | ${r.blockingItems.join(', ') || 'none'} |`,
    ),
  ];
  return `${lines.join('\n')}\n\n${reports.map((r) => renderMarkdown(r).replace(/^## /, '## ')).join('\n')}`;
}
