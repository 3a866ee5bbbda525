import type { Command } from 'commander';

/** `preflight watch start|status|abort`: filled in by the deployment watch. */
export function registerWatch(program: Command): void {
  program.command('watch').description('Watch a deployment (not yet available)');
}
