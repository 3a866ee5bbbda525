import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { literalTraitKeysPlugin } from './literal-trait-keys';
import { modeledErrorsPlugin } from './modeled-errors';
import { packageVersionPlugin } from './package-version';
import { pureSchemasPlugin } from './pure-schemas';

/** The one file a function's bundle is: its handler module is `index.handler`. */
export const BUNDLE_FILE = 'index.js';

/** What to bundle: a handler module, relative to the project root, into a directory. */
export interface FunctionBundle {
  /** The project's root: where `entry` and `node_modules` are. */
  readonly projectRoot: string;
  /** The handler module, relative to `projectRoot`, e.g. `lambdas/handlers/audit/build-report.ts`. */
  readonly entry: string;
  /** The directory the bundle (`index.js`) and its source map (`index.js.map`) are written to. */
  readonly outDir: string;
}

/**
 * How every Preflight function is bundled (the stack's functions and the bench's, the floor included):
 * the handler and everything it imports in one minified CommonJS file for Node.js 24, the pinned AWS
 * SDK inside (never the runtime's, which changes under us), with a linked external source map.
 */
export function bundleOptions({ projectRoot, entry, outDir }: FunctionBundle): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    entryPoints: [path.resolve(projectRoot, entry)],
    outfile: path.join(outDir, BUNDLE_FILE),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    // No externals: every module is bundled, the SDK included.
    external: [],
    // The SDK's ES module builds, which esbuild can tree-shake: a client brings the commands the
    // function sends, not every command, paginator and waiter of its service (CommonJS builds).
    mainFields: ['module', 'main'],
    // A linked external .map: stack traces name the TypeScript file, line and column (the functions
    // run with --enable-source-maps). Without the sources' text: a trace needs only the mappings, and
    // the text made the map three times larger.
    sourcemap: true,
    sourcesContent: false,
    // The SDK's schemas with literal trait keys, so the schemas a function never uses are dropped; its
    // modelled exception classes each written as one call of a shared definition of the same class;
    // its clients' package.json read for the version alone; Preflight's own zod schemas marked pure,
    // so the schemas a function never reads are neither bundled nor built when it loads.
    plugins: [literalTraitKeysPlugin(), modeledErrorsPlugin(), packageVersionPlugin(), pureSchemasPlugin()],
    logLevel: 'silent',
  };
}
