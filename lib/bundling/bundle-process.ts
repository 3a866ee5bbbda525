import { bundleFunction } from './bundle';
import type { FunctionBundle } from './options';

/*
 * The bundling of one function in a process of its own, for CDK's local bundling, which is
 * synchronous: esbuild's synchronous API takes no plugins, so `LocalEsbuildBundling` runs this file
 * with `spawnSync`. The target comes as JSON in the first argument; the bundle's size is written to
 * stdout as JSON; esbuild's error, to stderr, with exit code 1.
 */

async function main(argument: string | undefined): Promise<void> {
  const target = JSON.parse(argument ?? '') as FunctionBundle;
  const { bytes } = await bundleFunction(target);
  process.stdout.write(JSON.stringify({ bytes }));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
