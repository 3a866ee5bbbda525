import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, CLI_BUNDLE, PROJECT_ROOT } from '../../bin/build-cli';

/*
 * Tests run the CLI as users do: `node bin/preflight.js`, which runs the compiled dist/preflight.js.
 * Before the first run in a test process, the bundle is rebuilt when it is missing or older than any
 * source it is built from, so a test never runs yesterday's CLI.
 */

const SOURCES = ['bin', 'lambdas', 'package.json'];

function newestSourceMs(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(entry) ? stat.mtimeMs : 0;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestSourceMs(path.join(entry, name))),
    0,
  );
}

function bundleMs(): number {
  try {
    return statSync(CLI_BUNDLE).mtimeMs;
  } catch {
    return -1;
  }
}

let built: Promise<void> | undefined;

/** Builds dist/preflight.js once per test process when it is missing or stale. */
export function ensureCliBuilt(): Promise<void> {
  built ??= (async () => {
    const newest = Math.max(...SOURCES.map((s) => newestSourceMs(path.join(PROJECT_ROOT, s))));
    if (bundleMs() < newest) await buildCli();
  })();
  return built;
}
