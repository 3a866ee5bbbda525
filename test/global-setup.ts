import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The oldest Node.js major Preflight supports (package.json `engines`). */
const NODE_MAJOR_MIN = 22;

/**
 * Runs once before every test file: refuses an unsupported Node.js with one clear line, and points
 * TMPDIR at one directory removed when the run ends. Everything the tests write to the temporary
 * directory (CDK's `cdk.out` of every `new App()`, the CLI tests' files, child processes') goes
 * there, so a run leaves nothing behind.
 */
export default function setup(): () => void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < NODE_MAJOR_MIN) {
    throw new Error(
      `Preflight needs Node.js ${NODE_MAJOR_MIN} or later (package.json engines; .nvmrc names the version CI uses); this is ${process.version}.`,
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-test-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
