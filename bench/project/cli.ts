import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildCli } from '../../bin/build-cli';
import { PROJECT_ROOT } from '../../lib/preflight-function';
import { type Spread, timeRuns } from '../support/stats';

/*
 * How long `preflight` takes to answer, wall time of a fresh process from spawn to exit: the compiled
 * CLI users run (`node bin/preflight.js`, dist/preflight.js) beside the TypeScript source run through
 * tsx (`tsx bin/preflight.ts`, what `npm run preflight` does), in the same run, each after one
 * warm-up (tsx caches its transforms; the OS caches the files).
 */

export interface CliCommand {
  readonly name: string;
  readonly args: readonly string[];
  /** The goal for the median, in milliseconds. */
  readonly goalMs: number;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  { name: 'preflight --help', args: ['--help'], goalMs: 400 },
  { name: 'preflight checklist', args: ['checklist'], goalMs: 400 },
  { name: 'preflight audit --sample', args: ['audit', '--sample', '--quiet', '--exit-zero'], goalMs: 1000 },
];

export interface CliStartup {
  readonly command: string;
  readonly goalMs: number;
  readonly built: Spread;
  readonly tsx: Spread;
}

function run(argv: readonly string[]): void {
  const [command, ...args] = argv as [string, ...string[]];
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}`);
}

/** Median [min–max] of `runs` timed runs of each command, compiled and through tsx. */
export async function cliStartup(runs: number): Promise<CliStartup[]> {
  await buildCli();
  const built = [process.execPath, path.join(PROJECT_ROOT, 'bin', 'preflight.js')];
  const tsx = [
    path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
    path.join(PROJECT_ROOT, 'bin', 'preflight.ts'),
  ];
  const results: CliStartup[] = [];
  for (const command of CLI_COMMANDS) {
    run([...built, ...command.args]);
    run([...tsx, ...command.args]);
    results.push({
      command: command.name,
      goalMs: command.goalMs,
      built: await timeRuns(runs, () => run([...built, ...command.args])),
      tsx: await timeRuns(runs, () => run([...tsx, ...command.args])),
    });
  }
  return results;
}
