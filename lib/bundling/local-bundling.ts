import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BundlingOptions, ILocalBundling } from 'aws-cdk-lib';
import { restoreBundle } from './bundle-cache';
import type { FunctionBundle } from './options';

/** esbuild could not bundle a function: its message says what and where. */
export class BundlingError extends Error {
  constructor(entry: string, detail: string, options?: ErrorOptions) {
    super(`Bundling ${entry} failed: ${detail}`, options);
    this.name = 'BundlingError';
  }
}

/**
 * The process that bundles: this directory's `bundle-process` as it is here, compiled JavaScript in
 * the built construct library (`dist/lib/bundling`), TypeScript in the repository, run through tsx.
 */
function bundleProcessArguments(projectRoot: string): string[] {
  const compiled = path.join(__dirname, 'bundle-process.js');
  if (existsSync(compiled)) return [compiled];
  const tsx = require.resolve('tsx', { paths: [projectRoot] });
  return ['--import', pathToFileURL(tsx).href, path.join(__dirname, 'bundle-process.ts')];
}

/**
 * The environment variable naming a directory of bundles to reuse (`lib/bundling/bundle-cache.ts`):
 * when it is set, a function whose bundle is there, made from exactly its current sources, packages
 * and bundling, is copied from it, and every bundle made is kept there. Unset, every synth bundles.
 */
export const BUNDLE_CACHE_VARIABLE = 'PREFLIGHT_BUNDLE_CACHE';

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/**
 * CDK's local bundling of one Preflight function with esbuild and the options every function shares
 * (`bundleOptions`). CDK calls it synchronously and esbuild's plugins need its asynchronous API, so the
 * bundle is made in a child `node` process, as NodejsFunction runs esbuild's CLI. A failure stops the
 * synth with esbuild's message; it never falls back to Docker nor leaves an empty asset. With
 * {@link BUNDLE_CACHE_VARIABLE} set, an unchanged function's bundle is reused from that directory.
 */
export class LocalEsbuildBundling implements ILocalBundling {
  /**
   * @param projectRoot the project's root, where the entry and `node_modules` are
   * @param entry the handler module, relative to `projectRoot` (part of the asset's identity)
   */
  // Private (#), so the machine's path is no part of the asset's identity when bundling is skipped.
  readonly #projectRoot: string;

  constructor(
    projectRoot: string,
    readonly entry: string,
  ) {
    this.#projectRoot = projectRoot;
  }

  tryBundle(outputDir: string, _options: BundlingOptions): boolean {
    const target: FunctionBundle = { projectRoot: this.#projectRoot, entry: this.entry, outDir: outputDir };
    const cacheDir = process.env[BUNDLE_CACHE_VARIABLE] || undefined;
    if (cacheDir !== undefined && restoreBundle(cacheDir, target)) {
      process.stderr.write(`  ${this.entry}: unchanged, from ${cacheDir}\n`);
      return true;
    }
    const child = spawnSync(
      process.execPath,
      [...bundleProcessArguments(this.#projectRoot), JSON.stringify({ ...target, cacheDir })],
      { cwd: this.#projectRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    if (child.error !== undefined) {
      throw new BundlingError(this.entry, child.error.message, { cause: child.error });
    }
    if (child.status !== 0) {
      throw new BundlingError(this.entry, child.stderr.trim() || `exit code ${child.status ?? child.signal}`);
    }
    const { bytes } = JSON.parse(child.stdout) as { bytes: number };
    process.stderr.write(`  ${this.entry}: ${kib(bytes)}\n`);
    return true;
  }
}
