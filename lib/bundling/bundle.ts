import { statSync } from 'node:fs';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_FILE, bundleOptions, type FunctionBundle } from './options';

/** A bundle written: its file, its size, and (when asked for) esbuild's metafile. */
export interface BundleResult {
  readonly file: string;
  readonly bytes: number;
  readonly metafile?: Metafile;
}

/**
 * Bundles one function with {@link bundleOptions}. esbuild's errors reject the promise with its
 * messages (file, line, text); nothing is left half-written as a bundle.
 */
export async function bundleFunction(
  target: FunctionBundle,
  options: { readonly metafile?: boolean } = {},
): Promise<BundleResult> {
  const file = path.join(target.outDir, BUNDLE_FILE);
  const result = await build({ ...bundleOptions(target), metafile: options.metafile === true });
  return {
    file,
    bytes: statSync(file).size,
    ...(result.metafile === undefined ? {} : { metafile: result.metafile }),
  };
}
