import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { build, version as esbuildVersion, type Metafile } from 'esbuild';
import { BUNDLE_FILE, bundleOptions, type FunctionBundle } from './options';

/*
 * Bundles already made, each kept with what it was made from, so that bundling the same function
 * again copies it instead of running esbuild (about a second a function, 28 functions a synth). A
 * bundle is reused only when nothing it was made from has changed: the bundling itself (esbuild's
 * version, the options, the plugins' source, the installed packages, tsconfig.json) and the content
 * of every file esbuild read for it (its metafile's inputs). Anything else is a miss and esbuild
 * runs, so a stale bundle is never reused.
 */

/** The file beside a cached bundle that says what it was made from. */
const MANIFEST_FILE = 'bundle.json';

/** What a cached bundle was made from. */
interface Manifest {
  /** The handler module, relative to the project root. */
  readonly entry: string;
  /** The bundling: esbuild, the options, the plugins, the packages (see {@link bundlingFingerprint}). */
  readonly bundling: string;
  /**
   * The project root, relative to the directory the bundle was written to: the source map's paths
   * are relative to it, so the bundle is reused only in a directory at the same place.
   */
  readonly root: string;
  /** Each file esbuild read, relative to the project root, with the SHA-256 of its content. */
  readonly inputs: Readonly<Record<string, string>>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const readIfExists = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));

/**
 * What every bundle's making depends on besides its inputs: esbuild's version, the shared options,
 * the source of the bundling and its plugins (this directory), and the packages installed (their
 * `package.json` files, which esbuild reads to resolve but does not list as inputs).
 */
export function bundlingFingerprint(projectRoot: string): string {
  let fingerprint = fingerprints.get(projectRoot);
  if (fingerprint === undefined) {
    fingerprint = computeFingerprint(projectRoot);
    fingerprints.set(projectRoot, fingerprint);
  }
  return fingerprint;
}

/** Each project's fingerprint, made once per process: what it is made from is not edited during a synth. */
const fingerprints = new Map<string, string>();

function computeFingerprint(projectRoot: string): string {
  const hash = createHash('sha256');
  const {
    entryPoints: _entry,
    outfile: _outfile,
    ...options
  } = bundleOptions({ projectRoot, entry: '', outDir: '' });
  hash.update(esbuildVersion).update(JSON.stringify(options));
  for (const name of readdirSync(__dirname).sort()) {
    if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')) {
      hash.update(name).update(readFileSync(path.join(__dirname, name)));
    }
  }
  for (const file of ['package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json']) {
    hash.update(file).update(readIfExists(path.join(projectRoot, file)));
  }
  return hash.digest('hex');
}

/** The handler module relative to the project root, as the cache names it. */
const relativeEntry = (projectRoot: string, entry: string) =>
  path.relative(projectRoot, path.resolve(projectRoot, entry)).split(path.sep).join('/');

/** The cache's directory of a function's bundle. */
const entryDir = (cacheDir: string, projectRoot: string, entry: string) =>
  path.join(cacheDir, relativeEntry(projectRoot, entry).replace(/[^\w.-]+/g, '_'));

/** A module of a plugin's own namespace (`preflight-sdk:...`): its content is the plugins' source. */
const VIRTUAL_INPUT = /^[\w-]+:/;

/** The content hashes of the files esbuild read for one output, or undefined when one is missing. */
function inputHashes(projectRoot: string, inputs: Iterable<string>): Record<string, string> | undefined {
  const hashes: Record<string, string> = {};
  for (const input of inputs) {
    const file = path.resolve(projectRoot, input);
    if (existsSync(file)) hashes[input] = sha256(readFileSync(file));
    else if (!VIRTUAL_INPUT.test(input)) return undefined;
  }
  return hashes;
}

/** The metafile's output that is the bundle in `dir`. */
function outputIn(projectRoot: string, metafile: Metafile, dir: string) {
  const file = path.join(dir, BUNDLE_FILE);
  return Object.entries(metafile.outputs).find(([key]) => path.resolve(projectRoot, key) === file)?.[1];
}

/**
 * Keeps the bundle esbuild wrote in `target.outDir` (with the metafile of its build) in the cache,
 * replacing what the cache held for that function. Written aside and then renamed, so a reader sees
 * the old entry or the new one, never half of one.
 */
export function storeBundle(
  cacheDir: string,
  target: FunctionBundle,
  metafile: Metafile,
  bundling?: string,
): void {
  const output = outputIn(target.projectRoot, metafile, target.outDir);
  const inputs =
    output === undefined ? undefined : inputHashes(target.projectRoot, Object.keys(output.inputs));
  if (inputs === undefined) return;
  const manifest: Manifest = {
    entry: relativeEntry(target.projectRoot, target.entry),
    bundling: bundling ?? bundlingFingerprint(target.projectRoot),
    root: path.relative(target.outDir, target.projectRoot),
    inputs,
  };
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(path.join(cacheDir, '.staging-'));
  for (const name of [BUNDLE_FILE, `${BUNDLE_FILE}.map`]) {
    copyFileSync(path.join(target.outDir, name), path.join(staging, name));
  }
  writeFileSync(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest));
  const dir = entryDir(cacheDir, target.projectRoot, target.entry);
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch {
    // Another process stored the same function at the same moment: its entry is as good.
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Reads a manifest, or undefined when there is none or it is not one. */
function readManifest(file: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    return typeof manifest.bundling === 'string' && typeof manifest.root === 'string' && manifest.inputs
      ? (manifest as Manifest)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the cache holds a bundle of `target.entry` made from exactly what the function would be
 * bundled from now, into a directory at `target.outDir`'s place. On any doubt (no entry, another
 * bundling, another place, a file changed, added or gone) it does not.
 */
function isFresh(cacheDir: string, target: FunctionBundle, bundling?: string): boolean {
  const manifest = readManifest(
    path.join(entryDir(cacheDir, target.projectRoot, target.entry), MANIFEST_FILE),
  );
  if (manifest === undefined) return false;
  if (manifest.entry !== relativeEntry(target.projectRoot, target.entry)) return false;
  if (manifest.root !== path.relative(target.outDir, target.projectRoot)) return false;
  if (manifest.bundling !== (bundling ?? bundlingFingerprint(target.projectRoot))) return false;
  const now = inputHashes(target.projectRoot, Object.keys(manifest.inputs));
  if (now === undefined) return false;
  return Object.entries(manifest.inputs).every(([input, hash]) => now[input] === hash);
}

/**
 * Writes the cached bundle of `target.entry` into `target.outDir` when it is fresh (see
 * {@link isFresh}), and says whether it did; otherwise it writes nothing.
 */
export function restoreBundle(cacheDir: string, target: FunctionBundle, bundling?: string): boolean {
  if (!isFresh(cacheDir, target, bundling)) return false;
  const dir = entryDir(cacheDir, target.projectRoot, target.entry);
  mkdirSync(target.outDir, { recursive: true });
  for (const name of [BUNDLE_FILE, `${BUNDLE_FILE}.map`]) {
    copyFileSync(path.join(dir, name), path.join(target.outDir, name));
  }
  return true;
}

/**
 * Bundles many functions in one esbuild build (each file read and transformed once for all of
 * them, instead of once per function: 4 s instead of 24 s for the stack's 28) and keeps each in the
 * cache. They are built beside the cache, at the depth of its entries (`<cacheDir>/<function>`), so
 * they are reused by a bundling into a directory at that place: CDK's `<outdir>/bundling-temp-…`
 * for an app whose `outdir` is beside `cacheDir`.
 * Byte for byte the bundles {@link bundleOptions} makes one at a time: esbuild bundles each entry
 * point on its own when it does not split code.
 */
export async function bundleIntoCache(
  cacheDir: string,
  projectRoot: string,
  entries: readonly string[],
): Promise<void> {
  const bundling = bundlingFingerprint(projectRoot);
  const targets = entries.map((entry) => ({
    projectRoot,
    entry,
    outDir: entryDir(cacheDir, projectRoot, entry),
  }));
  const stale = targets.filter((target) => !isFresh(cacheDir, target, bundling));
  if (stale.length === 0) return;
  const {
    entryPoints: _entry,
    outfile: _outfile,
    ...options
  } = bundleOptions({ projectRoot, entry: '', outDir: '' });
  mkdirSync(path.dirname(cacheDir), { recursive: true });
  const building = mkdtempSync(`${cacheDir}.building-`);
  try {
    const { metafile } = await build({
      ...options,
      outdir: building,
      entryPoints: stale.map((target) => ({
        in: path.resolve(projectRoot, target.entry),
        out: `${path.basename(target.outDir)}/index`,
      })),
      metafile: true,
    });
    for (const target of stale) {
      storeBundle(
        cacheDir,
        { ...target, outDir: path.join(building, path.basename(target.outDir)) },
        metafile,
        bundling,
      );
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
