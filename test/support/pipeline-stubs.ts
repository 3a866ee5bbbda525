import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/*
 * Runs a pipeline's shell the way its runner does, against stand-ins on PATH: `preflight` prints a
 * report and exits with the verdict it is told to give; `npx` runs it only as `npx --no-install
 * preflight` (anything else would reach the registry, so it fails the step); `npm` records its
 * arguments and succeeds.
 */

/** The report the stand-in prints, one per verdict. */
export const STUB_REPORT = (verdict: string) => `# Preflight gate\n\nVerdict: ${verdict}\n`;

/** The verdict each exit code stands for (the CLI's exit codes). */
export const VERDICTS = { 0: 'PASS', 1: 'FAIL', 2: 'ERROR' } as const;

export interface Sandbox {
  /** The directory the stand-ins are in (first on PATH). */
  readonly bin: string;
  /** A scratch directory for the pipeline's files. */
  readonly work: string;
  /** Each `preflight` call's arguments, one call per element. */
  preflightCalls(): string[][];
  /** Each `npm` call's arguments. */
  npmCalls(): string[][];
}

function script(file: string, text: string): void {
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

/** Stand-ins in a fresh directory; `preflight` exits with `exitCode`. */
export function sandbox(exitCode: 0 | 1 | 2): Sandbox {
  const root = mkdtempSync(path.join(tmpdir(), 'preflight-pipeline-'));
  const bin = path.join(root, 'bin');
  const work = path.join(root, 'work');
  mkdirSync(bin);
  mkdirSync(work);
  const calls = path.join(root, 'calls');
  mkdirSync(calls);
  const log = (name: string) =>
    `printf '%s\\0' "$@" >> "${path.join(calls, name)}"; printf '\\n' >> "${path.join(calls, name)}"`;
  script(
    path.join(bin, 'preflight'),
    `#!/usr/bin/env bash\n${log('preflight')}\nprintf '${STUB_REPORT(VERDICTS[exitCode]).replace(/\n/g, '\\n')}'\nexit ${exitCode}\n`,
  );
  script(
    path.join(bin, 'npx'),
    [
      '#!/usr/bin/env bash',
      'if [ "$1" = "--no-install" ] && [ "$2" = "preflight" ]; then shift 2; exec preflight "$@"; fi',
      'echo "npx $*: without --no-install, npx may fetch a package of that name from the registry" >&2',
      'exit 127',
      '',
    ].join('\n'),
  );
  script(path.join(bin, 'npm'), `#!/usr/bin/env bash\n${log('npm')}\nexit 0\n`);
  const read = (name: string) => {
    let text = '';
    try {
      text = readFileSync(path.join(calls, name), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\0').filter((arg) => arg !== ''));
  };
  return { bin, work, preflightCalls: () => read('preflight'), npmCalls: () => read('npm') };
}

export interface ShellRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `shell SCRIPT` (e.g. `bash -e`) in `cwd` with `env`, the stand-ins first on PATH. */
export function runShell(
  shell: readonly string[],
  text: string,
  options: { box: Sandbox; cwd: string; env: Readonly<Record<string, string>> },
): Promise<ShellRun> {
  const file = path.join(options.box.work, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, text);
  const [command, ...args] = shell;
  return new Promise((resolve) => {
    execFile(
      command as string,
      [...args, file],
      {
        cwd: options.cwd,
        env: { PATH: `${options.box.bin}:${process.env.PATH}`, HOME: options.box.work, ...options.env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
