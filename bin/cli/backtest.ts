import { type Command, InvalidArgumentError } from 'commander';
import { quoteAsGiven } from '../../lambdas/core/plain-text';
import { parseTimestamp } from '../../lambdas/core/watch/csv';
import { deploymentStartProblem } from '../../lambdas/core/watch/deployment-start';
import { lazyAction } from './lazy';

/**
 * One replayed deployment: the watch's start, and when the deployment began rolling out, if before it
 * (`START/WATCH`, an ISO 8601 interval): the baseline ends there.
 */
export interface ReplayedDeployment {
  readonly deployedAtMs: number;
  readonly deploymentStartedAtMs?: number;
}

const TIME_FORMATS =
  'expected ISO 8601 (2014-04-12T16:30:00Z) or YYYY-MM-DD HH:MM:SS, UTC, comma-separated; START/WATCH for a deployment that began rolling out at START before its watch started at WATCH';

/** commander parser for `--at TIME[,TIME...]`, each a watch's start or `START/WATCH`. */
export function parseDeploymentTimes(value: string): ReplayedDeployment[] {
  const given = value.split(',');
  const bad: string[] = [];
  const problems: string[] = [];
  const runs = given.map((entry): ReplayedDeployment => {
    const parts = entry.split('/');
    const times = parts.map((part) => parseTimestamp(part.trim()));
    // Named as typed: " " is shown as " ", not "".
    parts.forEach((part, index) => {
      if (times[index] === undefined) bad.push(part);
    });
    if (parts.length > 2) problems.push(`${quoteAsGiven(entry)} has more than one "/"`);
    const [first, second] = times;
    if (parts.length === 1 || first === undefined || second === undefined)
      return { deployedAtMs: first ?? 0 };
    const problem = deploymentStartProblem(new Date(first).toISOString(), second, 'replayed watch');
    if (problem !== null) problems.push(`deployment start ${parts[0]?.trim()}: ${problem}`);
    return { deployedAtMs: second, deploymentStartedAtMs: first };
  });
  if (bad.length > 0) {
    throw new InvalidArgumentError(
      `unreadable time ${bad.map((b) => quoteAsGiven(b)).join(', ')}; ${TIME_FORMATS}.`,
    );
  }
  if (problems.length > 0) throw new InvalidArgumentError(`${problems.join('; ')}.`);
  return runs;
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
      'deployment times (the watch starts), ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC), comma-separated; START/WATCH: the deployment began at START, the baseline ends there',
      parseDeploymentTimes,
    )
    .option('--json', 'print {"runs":[{deployedAt, decision, decidedAt, trigger}]}')
    .action(lazyAction(() => import('./actions/backtest').then((m) => m.runBacktestCommand)));
}
