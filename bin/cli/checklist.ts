import type { Command } from 'commander';
import { describeVerification, resolveChecklist } from '../../lambdas/core/checklist/resolve';
import type { Checklist } from '../../lambdas/core/checklist/types';
import { loadConfig } from './options';

function renderChecklist(checklist: Checklist): string {
  const lines = [`Production deployment checklist ${checklist.version}: ${checklist.items.length} items`];
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

/** `preflight checklist [--json]`: the checklist as Preflight understands it. */
export function registerChecklist(program: Command): void {
  program
    .command('checklist')
    .description('Print every checklist item, its section and how Preflight verifies it')
    .option('--json', 'print the checklist as JSON')
    .option('-c, --config <file>', 'configuration file (default: ./preflight.config.json if present)')
    .action((options: { json?: boolean; config?: string }) => {
      const checklist = resolveChecklist(loadConfig(options.config));
      process.stdout.write(
        options.json ? `${JSON.stringify(checklist, null, 2)}\n` : renderChecklist(checklist),
      );
    });
}
