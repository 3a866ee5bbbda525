import { bundleFunction } from './bundle';
import { storeBundle } from './bundle-cache';
import type { FunctionBundle } from './options';

/*
 * The bundling of one function in a process of its own, for CDK's local bundling, which is
 * synchronous: esbuild's synchronous API takes no plugins, so `LocalEsbuildBundling` runs this file
 * with `spawnSync`. The target comes as JSON in the first argument (with the directory of bundles to
 * keep it in, if any); the bundle's size is written to stdout as JSON; esbuild's error, to stderr,
 * with exit code 1.
 */

async function main(argument: string | undefined): Promise<void> {
  const { cacheDir, ...target } = JSON.parse(argument ?? '') as FunctionBundle & { cacheDir?: string };
  const { bytes, metafile } = await bundleFunction(target, { metafile: cacheDir !== undefined });
  if (cacheDir !== undefined && metafile !== undefined) storeBundle(cacheDir, target, metafile);
  process.stdout.write(JSON.stringify({ bytes }));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
