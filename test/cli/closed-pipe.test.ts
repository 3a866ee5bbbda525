import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli';
import { ensureCliBuilt } from '../support/cli-build';

/*
 * `preflight audit ... | head` closes the pipe before the report is written. That is the reader's
 * choice, not a failure of Preflight's: no stack trace on stderr, and the exit code is still the
 * verdict's (a FAIL piped into head stays a FAIL under pipefail, never a 0).
 */

function runIntoClosedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'preflight.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Read the first chunk only, as `head -c 10` does, then close.
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('stdout closed by the reader', () => {
  it('ends without a stack trace, with the verdict as exit code (the sample fails: 1)', async () => {
    await ensureCliBuilt();

    // The JSON report is far larger than a pipe's buffer: the write meets the closed pipe.
    const run = await runIntoClosedPipe(['audit', '--sample', '--quiet', '--format', 'json']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });
});
