import type { Command } from 'commander';
import { lazyAction } from './lazy';

/** `preflight checklist [--json]`: the checklist as Preflight understands it. */
export function registerChecklist(program: Command): void {
  program
    .command('checklist')
    .description('Print every checklist item, its section and how Preflight verifies it')
    .option('--json', 'print the checklist as JSON')
    .option('-c, --config <file>', 'configuration file (default: the nearest preflight.config.json)')
    .action(lazyAction(() => import('./actions/checklist').then((m) => m.runChecklistCommand)));
}
