#!/usr/bin/env node
// Entry point for `npx preflight`: runs the TypeScript CLI through tsx, no build step.
require('tsx/cjs');
require('./preflight.ts');
