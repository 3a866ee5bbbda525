import { mkdirSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

/*
 * `npm run build` (run by `npm ci` through `prepare`): the `preflight` CLI compiled to one JavaScript
 * file, dist/preflight.js, which bin/preflight.js runs. Preflight's own code is bundled; packages stay
 * in node_modules (`packages: 'external'`). Each command's `import('./actions/...')` stays lazy in the
 * bundle, so a command loads only its own dependencies.
 */

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const CLI_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'preflight.js');

/** The esbuild options of the CLI bundle. */
export function cliBuildOptions(outfile: string): BuildOptions {
  return {
    entryPoints: [path.join(PROJECT_ROOT, 'bin', 'preflight.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  };
}

/**
 * Builds the CLI into `outfile` (default dist/preflight.js). It is written beside and then renamed
 * into place, so a process running the CLI meanwhile never reads half a file.
 */
export async function buildCli(outfile: string = CLI_BUNDLE): Promise<string> {
  mkdirSync(path.dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  await build(cliBuildOptions(partial));
  renameSync(partial, outfile);
  return outfile;
}

if (require.main === module) {
  buildCli().then(
    (file) => process.stdout.write(`built ${path.relative(process.cwd(), file)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
