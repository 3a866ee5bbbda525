import { type Command, InvalidArgumentError } from 'commander';
import { quoteAsGiven } from '../../lambdas/core/plain-text';
import { parseTimestamp } from '../../lambdas/core/watch/csv';
import { lazyAction } from './lazy';

/** commander parser for `--at ISO[,ISO...]`. */
export function parseDeploymentTimes(value: string): number[] {
  const given = value.split(',');
  const parts = given.map((part) => part.trim());
  const times = parts.map((part) => parseTimestamp(part));
  // Named as typed: " " is shown as " ", not "".
  const bad = given.filter((_, index) => times[index] === undefined);
  if (parts.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(
      `unreadable time ${bad.map((b) => quoteAsGiven(b)).join(', ')}; expected ISO 8601 (2014-04-12T16:30:00Z) or YYYY-MM-DD HH:MM:SS, UTC, comma-separated.`,
    );
  }
  return times as number[];
}

/** `preflight backtest`: what would the watch have decided had a deployment started at each time? */
export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      'Replay metric history through the watch: its decision had a deployment started at each time (exit 0, 2 on bad input)',
    )
    .option(
      '-c, --config <file>',
      'configuration file with the watch section (default: the nearest preflight.config.json)',
    )
    .option('--service <name>', "replay with this service's watch (its triggers), from services")
    .option('--env <name>', 'the environment whose watch settings to use, e.g. prod')
    .requiredOption('--metrics <dir>', 'directory of <metric-id>.csv files (header timestamp,value; UTC)')
    .requiredOption(
      '--at <times>',
      'deployment times, ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC), comma-separated',
      parseDeploymentTimes,
    )
    .option('--json', 'print {"runs":[{deployedAt, decision, decidedAt, trigger}]}')
    .action(lazyAction(() => import('./actions/backtest').then((m) => m.runBacktestCommand)));
}
