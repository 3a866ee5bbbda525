import type { Command } from 'commander';
import { lazyAction } from './lazy';

/** `preflight services [--json]`: the configured services and environments, from the configuration alone. */
export function registerServices(program: Command): void {
  program
    .command('services')
    .description(
      'List the services, their environments (account, regions, how Preflight reaches them), resources and rollback targets',
    )
    .option('--json', 'print the same as JSON')
    .option('-c, --config <file>', 'configuration file (default: the nearest preflight.config.json)')
    .action(lazyAction(() => import('./actions/services').then((m) => m.runServicesCommand)));
}
