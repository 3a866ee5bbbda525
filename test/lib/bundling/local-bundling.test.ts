import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidateInputEnvironment } from '../../../lambdas/handlers/audit/env';
import { BundlingError, LocalEsbuildBundling } from '../../../lib/bundling/local-bundling';
import { BY_STEP_FUNCTIONS, PROJECT_ROOT, PreflightFunction } from '../../../lib/preflight-function';

/*
 * CDK's local bundling of a Preflight function: esbuild in a child process, its bundle in the asset,
 * and its message, not an empty asset nor a Docker attempt, when it cannot bundle.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-local-bundling-'));
  dirs.push(dir);
  return dir;
};

describe('LocalEsbuildBundling', () => {
  it('writes the bundle and its linked source map, and answers that it bundled', () => {
    const out = tempDir();

    const bundled = new LocalEsbuildBundling(PROJECT_ROOT, 'bench/project/floor-handler.ts').tryBundle(out, {
      image: undefined as never,
    });

    expect(bundled).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['index.js', 'index.js.map']);
    const code = readFileSync(path.join(out, 'index.js'), 'utf8');
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
    // The pinned SDK is inside, not required from the runtime's.
    expect(/require\(["']@aws-sdk\/client-/.test(code)).toBe(false);
  }, 60_000);

  it("throws esbuild's message, with the file and line, for a handler that does not compile", () => {
    const dir = tempDir();
    const entry = path.join(dir, 'broken.ts');
    writeFileSync(entry, 'export const handler = async () => {\n  return 1 +;\n};\n');
    const out = tempDir();

    const bundling = () =>
      new LocalEsbuildBundling(PROJECT_ROOT, entry).tryBundle(out, { image: undefined as never });

    expect(bundling).toThrow(BundlingError);
    expect(bundling).toThrow(/broken\.ts:2:\d+: ERROR: Unexpected ";"/);
    expect(existsSync(path.join(out, 'index.js'))).toBe(false);
  }, 60_000);
});

describe('PreflightFunction bundling', () => {
  it('stops the synth with esbuild’s message when a handler cannot be bundled', () => {
    const stack = new Stack(new App({ outdir: tempDir() }), 'Bundled');

    const create = () =>
      new PreflightFunction(stack, 'Missing', {
        entry: 'lambdas/handlers/audit/no-such-handler.ts',
        description: 'A handler that does not exist',
        environmentSchema: ValidateInputEnvironment,
        environment: {},
        invocation: BY_STEP_FUNCTIONS,
      });

    expect(create).toThrow(/Could not resolve ".*no-such-handler\.ts"/);
  }, 60_000);
});
