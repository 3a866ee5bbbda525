import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { bundleIntoCache, restoreBundle } from '../../../lib/bundling/bundle-cache';
import { BUNDLE_CACHE_VARIABLE, LocalEsbuildBundling } from '../../../lib/bundling/local-bundling';
import { PROJECT_ROOT } from '../../../lib/preflight-function';

/*
 * The bundles kept for reuse: a bundle comes from the cache only when nothing it was made from has
 * changed, and is then byte for byte what the function's own bundling writes. Each test runs esbuild
 * (and the first the function's own bundling, a child process), so each may take a minute on a
 * loaded machine, as the local bundling's tests may.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A temporary directory; the cache and the bundling directories below it are all at one depth. */
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-bundle-cache-'));
  dirs.push(dir);
  return dir;
};

const FLOOR = 'bench/project/floor-handler.ts';

const read = (dir: string) => ({
  code: readFileSync(path.join(dir, 'index.js'), 'utf8'),
  map: readFileSync(path.join(dir, 'index.js.map'), 'utf8'),
});

/** A handler outside the project that imports a module of its own, to change between bundlings. */
function handlerProject(message: string): { entry: string; dependency: string } {
  const dir = path.join(tempDir(), 'src');
  mkdirSync(dir);
  const dependency = path.join(dir, 'message.ts');
  writeFileSync(dependency, `export const message = ${JSON.stringify(message)};\n`);
  const entry = path.join(dir, 'handler.ts');
  writeFileSync(entry, "import { message } from './message';\nexport const handler = async () => message;\n");
  return { entry, dependency };
}

describe('the bundle cache', () => {
  it("gives back byte for byte what each function's own bundling writes, source map included", async () => {
    // Two functions in one build, one of them with Preflight's own schemas (the pure-schemas
    // plugin) and an SDK client (the SDK plugins): a build of many entries bundles each on its own.
    const entries = [FLOOR, 'lambdas/handlers/fanout/list-targets.ts'];
    const root = tempDir();
    await bundleIntoCache(path.join(root, 'cache'), PROJECT_ROOT, entries);

    for (const [i, entry] of entries.entries()) {
      const own = path.join(root, 'own', `bundling-temp-${i}`);
      const cached = path.join(root, 'reused', `bundling-temp-${i}`);
      expect(
        new LocalEsbuildBundling(PROJECT_ROOT, entry).tryBundle(own, { image: undefined as never }),
      ).toBe(true);
      const restored = restoreBundle(path.join(root, 'cache'), {
        projectRoot: PROJECT_ROOT,
        entry,
        outDir: cached,
      });

      expect(restored, entry).toBe(true);
      expect(read(cached), entry).toEqual(read(own));
    }
  }, 60_000);

  it('bundles a function again when a file it imports changed, and keeps the new bundle', async () => {
    const root = tempDir();
    const cache = path.join(root, 'cache');
    const { entry, dependency } = handlerProject('first');
    await bundleIntoCache(cache, PROJECT_ROOT, [entry]);
    const target = (name: string) => ({
      projectRoot: PROJECT_ROOT,
      entry,
      outDir: path.join(root, name, 'out'),
    });
    expect(restoreBundle(cache, target('unchanged'))).toBe(true);
    expect(read(path.join(root, 'unchanged', 'out')).code).toContain('"first"');

    writeFileSync(dependency, 'export const message = "second";\n');

    expect(restoreBundle(cache, target('changed'))).toBe(false);
    vi.stubEnv(BUNDLE_CACHE_VARIABLE, cache);
    const out = target('rebuilt').outDir;
    expect(new LocalEsbuildBundling(PROJECT_ROOT, entry).tryBundle(out, { image: undefined as never })).toBe(
      true,
    );
    expect(read(out).code).toContain('"second"');
    expect(read(out).code).not.toContain('"first"');
    // The synth's own bundling kept what it made: the next one reuses it.
    expect(restoreBundle(cache, target('again'))).toBe(true);
    expect(read(target('again').outDir)).toEqual(read(out));
  }, 60_000);

  it('reuses nothing when a file it read is gone, or for a directory at another place', async () => {
    const root = tempDir();
    const cache = path.join(root, 'cache');
    const { entry, dependency } = handlerProject('first');
    await bundleIntoCache(cache, PROJECT_ROOT, [entry]);

    // Another depth: the source map's paths, relative to the bundle, would point elsewhere.
    expect(
      restoreBundle(cache, { projectRoot: PROJECT_ROOT, entry, outDir: path.join(root, 'a', 'b', 'c') }),
    ).toBe(false);
    expect(
      restoreBundle(cache, { projectRoot: PROJECT_ROOT, entry, outDir: path.join(root, 'a', 'b') }),
    ).toBe(true);
    unlinkSync(dependency);
    expect(
      restoreBundle(cache, { projectRoot: PROJECT_ROOT, entry, outDir: path.join(root, 'd', 'e') }),
    ).toBe(false);
  }, 60_000);

  it('reuses nothing made by another bundling', async () => {
    const root = tempDir();
    const cache = path.join(root, 'cache');
    const { entry } = handlerProject('first');
    await bundleIntoCache(cache, PROJECT_ROOT, [entry]);
    const target = { projectRoot: PROJECT_ROOT, entry, outDir: path.join(root, 'a', 'b') };

    expect(restoreBundle(cache, target, 'another bundling')).toBe(false);
    expect(restoreBundle(cache, target)).toBe(true);
  }, 60_000);
});
