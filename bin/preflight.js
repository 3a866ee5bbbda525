#!/usr/bin/env node
// `npx --no-install preflight`: the compiled CLI, dist/preflight.js. `npm ci` builds it (the prepare
// script); after changing the code, `npm run build` rebuilds it (`npm run preflight` runs the source).
let entry;
try {
  entry = require.resolve('../dist/preflight.js');
} catch {
  process.stderr.write('preflight: the CLI is not built: run `npm run build` (npm ci runs it).\n');
  process.exit(2);
}
require(entry);
