import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../../lib/preflight-function';
import { type Spread, spread } from '../support/stats';

/*
 * Each Lambda function as it ships: bundled with esbuild exactly as PreflightFunction configures
 * NodejsFunction (bundle, minify, source map, node24 target, CJS, no externals: the pinned SDK is
 * inside), then required in a fresh `node` process to time module initialization.
 */

export interface LambdaFunction {
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMb: number;
}

export interface LambdaResult {
  readonly entry: string;
  readonly memoryMb: number;
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
  readonly initMs: Spread;
}

const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'results', 'tmp', 'bundles');

async function bundle(entry: string): Promise<string> {
  const outfile = path.join(OUT_DIR, entry.replace(/\.ts$/, ''), 'index.js');
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    target: 'node24',
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
  return outfile;
}

/** Milliseconds to require `file` in a fresh process (the module's own init, not node's start-up). */
function initOnce(file: string, environment: Readonly<Record<string, string>>): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', ...environment, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  return Number(out);
}

export async function measureLambdas(
  functions: readonly LambdaFunction[],
  runs: number,
): Promise<LambdaResult[]> {
  const results: LambdaResult[] = [];
  for (const fn of functions) {
    const file = await bundle(fn.entry);
    const times = Array.from({ length: runs }, () => initOnce(file, fn.environment));
    results.push({
      entry: fn.entry,
      memoryMb: fn.memoryMb,
      bundleBytes: statSync(file).size,
      sourceMapBytes: statSync(`${file}.map`).size,
      initMs: spread(times),
    });
  }
  return results;
}
