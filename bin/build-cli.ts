import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

/*
 * `npm run build` (run by `npm ci` through `prepare`): the `preflight` CLI compiled to one JavaScript
 * file, dist/preflight.js, which bin/preflight.js runs. Preflight's own code is bundled, and so are
 * the packages every command starts with (commander, zod): node resolves and reads zod's 95 CommonJS
 * files one by one, a third of a `preflight checklist`; bundled, zod is its used part of one file.
 * The other packages (the AWS SDK) stay in node_modules. Each command's `import('./actions/...')`
 * stays lazy in the bundle, so a command loads only its own dependencies.
 */

/** Packages compiled into the CLI; every other dependency is loaded from node_modules. */
export const CLI_BUNDLED_PACKAGES = ['commander', 'zod'] as const;

function externalPackages(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const bundled = new Set<string>(CLI_BUNDLED_PACKAGES);
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !bundled.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

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
    external: externalPackages(),
    // zod's ES module build, which esbuild tree-shakes (as the Lambda bundles do).
    mainFields: ['module', 'main'],
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
