import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../lib/preflight-function';
import { synthPreflight } from '../../test/harness/synth';
import { type Spread, spread, timeRuns } from '../support/stats';

/** Synth time in-process: the first (modules already loaded by the bench), then warm repeats. */
export async function synthTimes(
  runs: number,
  bundledRuns: number,
): Promise<{ skipped: Spread; bundled: Spread }> {
  const skipped = await timeRuns(runs, () => synthPreflight({}));
  const bundled = await timeRuns(bundledRuns, () => synthPreflight({}, { bundle: true }));
  return { skipped, bundled };
}

export interface TestRun {
  readonly wallMs: Spread;
  readonly summary: string;
  readonly ok: boolean;
}

/** `npx vitest run`, once, in a child process. */
export function vitestRun(): TestRun {
  const started = performance.now();
  const result = spawnSync('npx', ['vitest', 'run'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: process.env,
  });
  const wallMs = performance.now() - started;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colours from vitest's summary
  const text = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = text.split('\n').filter((l) => /^\s*(Test Files|Tests)\s/.test(l));
  return {
    wallMs: spread([wallMs]),
    summary: lines.map((l) => l.trim()).join('; '),
    ok: result.status === 0,
  };
}
