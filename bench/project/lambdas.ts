import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleFunction } from '../../lib/bundling/bundle';
import { PROJECT_ROOT } from '../../lib/preflight-function';
import { type Spread, spread } from '../support/stats';
import { clientsFloorSource, clientUses } from './clients-floor';

/*
 * Each Lambda function as it ships: bundled by the same code and options as PreflightFunction's
 * (`lib/bundling`: minified CJS for node24, ES module builds first, the pinned SDK inside, an external
 * source map without the sources' text, the SDK schemas' literal trait keys), then required in a fresh `node` process, with the function's own NODE_OPTIONS, to
 * time module initialization. The floor, a handler with one SDK client (STS), is bundled and timed
 * the same way in the same run, and esbuild's metafile names what weighs in each bundle. So is each
 * function's own SDK floor (`clients-floor.ts`): the clients and commands its bundle carries, alone.
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
  /**
   * The function's own SDK floor: a handler with the SDK clients and commands its bundle carries and
   * nothing else, bundled the same way; its init timed alternately with the function's.
   * @default - not measured (the floor itself, or a function that carries no SDK client)
   */
  readonly clientsFloor?: ClientsFloor;
}

export interface ClientsFloor {
  /** Client classes, with the number of commands the bundle carries of each. */
  readonly clients: readonly string[];
  readonly bundleBytes: number;
  readonly initMs: Spread;
}

/** The one-client handler every function is compared with. */
export const FLOOR_ENTRY = 'bench/project/floor-handler.ts';

const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'results', 'tmp', 'bundles');
/** The generated clients-floor handlers, inside the project so they resolve its node_modules. */
const CLIENTS_FLOOR_DIR = path.join('bench', 'results', 'tmp', 'clients-floor');
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

function keptInputs(metafile: Metafile, outfile: string): string[] {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(file) === outfile)?.[1];
  return Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
}

async function bundle(
  entry: string,
): Promise<{ outfile: string; top: Contributor[]; inputs: readonly string[] }> {
  const outDir = path.join(OUT_DIR, entry.replace(/\.ts$/, ''));
  const { file, metafile } = await bundleFunction(
    { projectRoot: PROJECT_ROOT, entry, outDir },
    { metafile: true },
  );
  return {
    outfile: file,
    top: metafile === undefined ? [] : contributors(metafile, file),
    // The files that kept bytes in the bundle: the metafile's top-level inputs also list every
    // command a client's index re-exports, which tree shaking then drops.
    inputs: metafile === undefined ? [] : keptInputs(metafile, file),
  };
}

/** Writes and bundles the function's own SDK floor; undefined when its bundle carries no client. */
async function bundleClientsFloor(
  entry: string,
  inputs: readonly string[],
): Promise<{ outfile: string; clients: string[] } | undefined> {
  const uses = clientUses(inputs);
  if (uses.length === 0) return undefined;
  const floorEntry = path.join(CLIENTS_FLOOR_DIR, entry);
  mkdirSync(path.dirname(path.join(PROJECT_ROOT, floorEntry)), { recursive: true });
  writeFileSync(path.join(PROJECT_ROOT, floorEntry), clientsFloorSource(uses));
  const { outfile } = await bundle(floorEntry);
  return { outfile, clients: uses.map((use) => `${use.clientClass} (${use.commands.length})`) };
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
  const { outfile, top, inputs } = await bundle(fn.entry);
  const clientsFloor = floor === undefined ? undefined : await bundleClientsFloor(fn.entry, inputs);
  // Each run in its own fresh process; with a floor, the floor's run, the function's and its clients'
  // floor's alternate, so a burst of load on the machine weighs on all three.
  const times: number[] = [];
  const floorTimes: number[] = [];
  const clientsFloorTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    if (floor !== undefined) floorTimes.push(initOnce(floor.outfile, floor.environment));
    times.push(initOnce(outfile, fn.environment));
    if (clientsFloor !== undefined) {
      clientsFloorTimes.push(initOnce(clientsFloor.outfile, floor?.environment ?? {}));
    }
  }
  return {
    ...(floor === undefined ? {} : { floorInitMs: spread(floorTimes) }),
    ...(clientsFloor === undefined
      ? {}
      : {
          clientsFloor: {
            clients: clientsFloor.clients,
            bundleBytes: statSync(clientsFloor.outfile).size,
            initMs: spread(clientsFloorTimes),
          },
        }),
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
