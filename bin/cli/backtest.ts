import type { Command } from 'commander';

/** `preflight backtest`: filled in by the deployment watch. */
export function registerBacktest(program: Command): void {
  program.command('backtest').description('Replay metric history through the watch (not yet available)');
}
