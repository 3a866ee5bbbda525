import { describeVerification, resolveChecklist } from '../../../lambdas/core/checklist/resolve';
import type { Checklist } from '../../../lambdas/core/checklist/types';
import { loadConfig } from '../config';

function renderChecklist(checklist: Checklist, source: string): string {
  const lines = [
    `Production deployment checklist ${checklist.version}: ${checklist.items.length} items`,
    `Configuration: ${source}`,
  ];
  for (const section of checklist.sections) {
    const items = checklist.items.filter((item) => item.section === section.id);
    if (items.length === 0) continue;
    lines.push('', `${section.title} [${section.id}]`);
    let group = '';
    for (const item of items) {
      if (item.group !== group) {
        group = item.group;
        lines.push(`  ${group}`);
      }
      const note = item.note === undefined ? '' : ` (${item.note})`;
      lines.push(
        `    ${item.id.padEnd(44)} ${item.title}`,
        `    ${''.padEnd(44)} -> ${describeVerification(item)}${note}`,
      );
    }
  }
  const kinds = new Map<string, number>();
  for (const item of checklist.items)
    kinds.set(item.verification.kind, (kinds.get(item.verification.kind) ?? 0) + 1);
  lines.push('', `By verification: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Runs `preflight checklist`. */
export function runChecklistCommand(options: { json?: boolean; config?: string }): void {
  const { config, source } = loadConfig(options.config);
  const checklist = resolveChecklist(config);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ ...checklist, configuration: source }, null, 2)}\n`
      : renderChecklist(checklist, source),
  );
}
