import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../../bin/build-cli';
import { version } from '../../package.json';
import { REPO_ROOT, runCli } from '../support/cli';

/*
 * The CLI users run is the compiled one (bin/preflight.js runs dist/preflight.js), and each command
 * loads only what it needs: `--help` and the offline commands never load the AWS SDK.
 */

const PROBE = path.join(REPO_ROOT, 'test', 'support', 'loaded-packages.cjs');

async function loadedBy(args: readonly string[]): Promise<string[]> {
  const run = await runCli(args, { env: { NODE_OPTIONS: `--require ${PROBE}` } });
  const line = run.stderr.split('\n').find((l) => l.startsWith('loaded packages:')) ?? '';
  return line.replace('loaded packages:', '').trim().split(' ').filter(Boolean);
}

describe('the preflight entry point', () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('is the compiled bundle: package.json bin runs bin/preflight.js, which runs dist/preflight.js', async () => {
    const pkg = (await import('../../package.json')) as { bin: Record<string, string> };
    expect(pkg.bin.preflight).toBe('bin/preflight.js');
    expect(path.relative(REPO_ROOT, CLI_BUNDLE)).toBe(path.join('dist', 'preflight.js'));

    const run = await runCli(['--version']);

    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('says how to build it when the bundle is missing, in one line (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-unbuilt-'));
    scratch.push(dir);
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(path.join(REPO_ROOT, 'bin', 'preflight.js'), path.join(dir, 'bin', 'preflight.js'));

    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(dir, 'bin', 'preflight.js'), '--help'], (error, _out, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stderr }),
      );
    });

    expect(run).toEqual({
      code: 2,
      stderr: 'preflight: the CLI is not built: run `npm run build` (npm ci runs it).\n',
    });
  });
});

describe('what each command loads', () => {
  it('loads no package from node_modules for --help, whatever command it is asked about: commander is compiled in', async () => {
    expect(await loadedBy(['--help'])).toEqual([]);
    expect(await loadedBy(['gate', '--help'])).toEqual([]);
    expect(await loadedBy(['watch', 'start', '--help'])).toEqual([]);
  });

  it('loads no AWS SDK for the offline commands, and zod from the bundle, not file by file from node_modules', async () => {
    for (const args of [['checklist'], ['audit', '--sample', '--quiet', '--exit-zero'], ['services']]) {
      const loaded = await loadedBy(args);
      expect(loaded.filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([]);
      expect(loaded.filter((p) => p === 'zod' || p === 'commander')).toEqual([]);
    }
  });
});
