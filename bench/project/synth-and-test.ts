import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/preflight-function';
import { synthPreflightFresh } from '../../test/harness/synth';
import { type Spread, spread, timeRuns } from '../support/stats';

/** Synth time in-process: the first (modules already loaded by the bench), then warm repeats. */
export async function synthTimes(
  runs: number,
  bundledRuns: number,
): Promise<{ skipped: Spread; bundled: Spread }> {
  const skipped = await timeRuns(runs, () => synthPreflightFresh({}));
  const bundled = await timeRuns(bundledRuns, () => synthPreflightFresh({}, { bundle: true }));
  return { skipped, bundled };
}

/** One test file's time, from its first test's start to its last's end (its imports not included). */
export interface TestFileTime {
  readonly file: string;
  readonly ms: number;
  readonly tests: number;
}

export interface TestRun {
  readonly wallMs: Spread;
  /** CPU seconds of the run and every process it waited for (Linux only: read from /proc). */
  readonly cpuSeconds?: number;
  readonly summary: string;
  readonly ok: boolean;
  /** The slowest test files, slowest first. */
  readonly slowest: readonly TestFileTime[];
}

/** User and system CPU seconds of the children this process has waited for, where /proc tells. */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime, in clock ticks (100 a second on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

interface VitestJson {
  readonly testResults: readonly {
    readonly name: string;
    readonly startTime: number;
    readonly endTime: number;
    readonly assertionResults: readonly unknown[];
  }[];
}

function slowestFiles(reportFile: string, count: number): TestFileTime[] {
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJson;
    return report.testResults
      .map((r) => ({
        file: path.relative(PROJECT_ROOT, r.name),
        ms: r.endTime - r.startTime,
        tests: r.assertionResults.length,
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, count);
  } catch {
    return [];
  }
}

/** `npx vitest run`, once, in a child process, with the slowest files from its JSON report. */
export function vitestRun(slowest = 10): TestRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-bench-vitest-'));
  const reportFile = path.join(dir, 'report.json');
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { cwd: PROJECT_ROOT, encoding: 'utf8', env: process.env, maxBuffer: 256 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  const cpuAfter = childrenCpuSeconds();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colours from vitest's summary
  const text = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = text.split('\n').filter((l) => /^\s*(Test Files|Tests)\s/.test(l));
  const files = slowestFiles(reportFile, slowest);
  rmSync(dir, { recursive: true, force: true });
  return {
    wallMs: spread([wallMs]),
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuSeconds: cpuAfter - cpuBefore } : {}),
    summary: lines.map((l) => l.trim()).join('; '),
    ok: result.status === 0,
    slowest: files,
  };
}
