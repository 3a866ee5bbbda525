import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleFunction } from '../../lib/bundling/bundle';
import { PROJECT_ROOT } from '../../lib/preflight-function';
import { type Spread, spread } from '../support/stats';

/*
 * Each Lambda function as it ships: bundled by the same code and options as PreflightFunction's
 * (`lib/bundling`: minified CJS for node24, ES module builds first, the pinned SDK inside, an external
 * source map without the sources' text, the SDK schemas' literal trait keys), then required in a fresh `node` process, with the function's own NODE_OPTIONS, to
 * time module initialization. The floor, a handler with one SDK client (STS), is bundled and timed
 * the same way in the same run, and esbuild's metafile names what weighs in each bundle.
 */

export interface LambdaFunction {
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMb: number;
}

/** Bytes a package (or Preflight's own code) adds to the minified bundle. */
export interface Contributor {
  readonly name: string;
  readonly bytes: number;
}

export interface LambdaResult {
  readonly entry: string;
  readonly memoryMb: number;
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
  readonly initMs: Spread;
  /**
   * The floor's init timed alternately with this function's, run for run: on a loaded machine the
   * ratio of the two is what holds. @default - not measured (the floor itself)
   */
  readonly floorInitMs?: Spread;
  /** The heaviest contributors, heaviest first. */
  readonly top: readonly Contributor[];
}

/** The one-client handler every function is compared with. */
export const FLOOR_ENTRY = 'bench/project/floor-handler.ts';

const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'results', 'tmp', 'bundles');
const TOP = 6;

/** `@aws-sdk/client-s3` for a file in node_modules, `preflight` for the project's own sources. */
function owner(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'preflight';
}

function contributors(metafile: Metafile, outfile: string): Contributor[] {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(file) === outfile)?.[1];
  const byOwner = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytesInOutput);
  }
  return [...byOwner]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, TOP);
}

async function bundle(entry: string): Promise<{ outfile: string; top: Contributor[] }> {
  const outDir = path.join(OUT_DIR, entry.replace(/\.ts$/, ''));
  const { file, metafile } = await bundleFunction(
    { projectRoot: PROJECT_ROOT, entry, outDir },
    { metafile: true },
  );
  return { outfile: file, top: metafile === undefined ? [] : contributors(metafile, file) };
}

/** Milliseconds to require `file` in a fresh process (the module's own init, not node's start-up). */
function initOnce(file: string, environment: Readonly<Record<string, string>>): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    // The function's NODE_OPTIONS as deployed (source map support included), nothing of ours.
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', NODE_OPTIONS: '', ...environment },
    encoding: 'utf8',
  });
  return Number(out);
}

async function measureOne(
  fn: LambdaFunction,
  runs: number,
  floor?: { readonly outfile: string; readonly environment: Readonly<Record<string, string>> },
): Promise<LambdaResult> {
  const { outfile, top } = await bundle(fn.entry);
  // Each run in its own fresh process; with a floor, the floor's run and the function's alternate, so a
  // burst of load on the machine weighs on both.
  const times: number[] = [];
  const floorTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    if (floor !== undefined) floorTimes.push(initOnce(floor.outfile, floor.environment));
    times.push(initOnce(outfile, fn.environment));
  }
  return {
    ...(floor === undefined ? {} : { floorInitMs: spread(floorTimes) }),
    entry: fn.entry,
    memoryMb: fn.memoryMb,
    bundleBytes: statSync(outfile).size,
    sourceMapBytes: statSync(`${outfile}.map`).size,
    initMs: spread(times),
    top,
  };
}

/** The floor (with the functions' NODE_OPTIONS, and without any), and every function, in that order. */
export async function measureLambdas(
  functions: readonly LambdaFunction[],
  runs: number,
): Promise<{ floor: LambdaResult; floorWithoutOptions: LambdaResult; functions: LambdaResult[] }> {
  const nodeOptions = functions[0]?.environment.NODE_OPTIONS;
  const floorOf = (environment: Record<string, string>) =>
    measureOne({ entry: FLOOR_ENTRY, environment, memoryMb: 128 }, runs);
  const floorEnvironment: Record<string, string> =
    nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions };
  const floor = await floorOf(floorEnvironment);
  const floorOutfile = path.join(OUT_DIR, FLOOR_ENTRY.replace(/\.ts$/, ''), 'index.js');
  // What the functions' NODE_OPTIONS (source map support) cost at init, on the floor's bundle.
  const floorWithoutOptions = await floorOf({});
  const results: LambdaResult[] = [];
  const seen = new Set<string>();
  for (const fn of functions) {
    if (seen.has(fn.entry)) continue;
    seen.add(fn.entry);
    results.push(await measureOne(fn, runs, { outfile: floorOutfile, environment: floorEnvironment }));
  }
  return { floor, floorWithoutOptions, functions: results };
}
