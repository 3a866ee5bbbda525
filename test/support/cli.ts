import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { ensureCliBuilt } from './cli-build';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd?: string;
  /** Added to the test process's environment (`undefined` removes a variable). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The whole environment instead, e.g. one without AWS credentials. */
  readonly cleanEnv?: Readonly<Record<string, string>>;
}

/** Runs `preflight ARGS` the way a user does: `npx --no-install preflight` resolves to bin/preflight.js, the compiled CLI. */
export async function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  await ensureCliBuilt();
  const base = options.cleanEnv ?? { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  const env = Object.fromEntries(
    Object.entries({ ...base, ...options.env }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'preflight.js'), ...args],
      { cwd: options.cwd ?? REPO_ROOT, env, maxBuffer: 32 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * The whole environment of a CLI run with no AWS configuration but what `extra` adds: `home` as HOME
 * (no ~/.aws), no instance metadata, no colour.
 */
export function bareEnvironment(
  home: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/**
 * Static example credentials and a region, every AWS endpoint a closed local port and one attempt:
 * a call that gets through fails at once instead of reaching AWS.
 */
export const UNREACHABLE_AWS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'eu-west-1',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
};
