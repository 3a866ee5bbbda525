import { globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compactModeledErrors,
  MODELED_ERROR_MODULE,
  modeledErrorsPlugin,
  SDK_ERRORS_FILE,
} from '../../../lib/bundling/modeled-errors';
import { PROJECT_ROOT } from '../../../lib/preflight-function';

/*
 * The modelled exception classes are rewritten at bundling, so every exception class of every
 * `@aws-sdk/*` package installed (each client's and each nested client's) is built both ways, as
 * published and rewritten, and each pair is compared: the class's own properties (name, length,
 * static shapeId), its prototype chain, and an instance's own properties in order with their
 * descriptors, `$fault`, `$retryable`, members, message and `instanceof`.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const ERRORS_FILES = globSync('node_modules/@aws-sdk/**/dist-es/**/models/errors.js', { cwd: PROJECT_ROOT })
  .map((file) => path.join(PROJECT_ROOT, file))
  .sort();

type Module = Record<string, unknown>;

/** Every errors.js as one ES module (`m0`, `m1`...), built with the given plugins, then imported. */
async function load(plugins: Plugin[]): Promise<Record<string, Module>> {
  const dir = mkdtempSync(path.join(PROJECT_ROOT, 'node_modules', '.preflight-errors-'));
  dirs.push(dir);
  const entry = path.join(dir, 'entry.mjs');
  writeFileSync(
    entry,
    ERRORS_FILES.map((file, i) => `export * as m${i} from ${JSON.stringify(file)};`).join('\n'),
  );
  const outfile = path.join(dir, 'out.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    plugins,
    logLevel: 'silent',
  });
  return (await import(pathToFileURL(outfile).href)) as Record<string, Module>;
}

type Ctor = new (options: Record<string, unknown>) => Error & Record<string, unknown>;

const descriptors = (target: object) =>
  Reflect.ownKeys(target).map((key) => {
    const { value, get, set, ...flags } = Object.getOwnPropertyDescriptor(target, key) ?? {};
    // An error's stack names the place it was made, and a class's name is what the bundler left of
    // it (renamed where two modules' names collide): both differ between two builds.
    const shown =
      key === 'stack' || (key === 'name' && typeof target === 'function') || typeof value === 'function'
        ? typeof value
        : value !== null && typeof value === 'object'
          ? JSON.stringify(value)
          : value;
    return [String(key), shown, typeof get, typeof set, flags];
  });

/** What a class and one instance of it are, as far as any caller can tell. */
function portrait(Class: Ctor) {
  const members = Reflect.ownKeys(new Class({ $metadata: {} })).map(String);
  const options = {
    message: 'the message',
    $metadata: { httpStatusCode: 400, requestId: 'local' },
    ...Object.fromEntries(members.map((member) => [member, `${member} given`])),
    Unmodelled: 'not a member',
  };
  const instance = new Class(options);
  const chain: unknown[] = [];
  for (let proto = Object.getPrototypeOf(instance); proto !== null; proto = Object.getPrototypeOf(proto)) {
    chain.push(descriptors(proto).map(([key]) => key));
  }
  return {
    class: descriptors(Class),
    instance: descriptors(instance),
    chain,
    isInstance: instance instanceof Class,
    text: String(instance),
    json: JSON.stringify(instance),
  };
}

describe('compactModeledErrors', () => {
  it('rewrites every exception file of the installed SDK, none left as published', () => {
    expect(ERRORS_FILES.length).toBeGreaterThan(30);
    for (const file of ERRORS_FILES) {
      expect(SDK_ERRORS_FILE.test(file), file).toBe(true);
      const source = readFileSync(file, 'utf8');
      const rewritten = compactModeledErrors(source);
      expect(rewritten, file).not.toBe(source);
      // One definition per class, each under the same exported name.
      const classes = [...source.matchAll(/^export class (\w+) /gm)].map(([, name]) => name);
      const consts = [...rewritten.matchAll(/^export const (\w+) = /gm)].map(([, name]) => name);
      expect(consts, file).toEqual(classes);
    }
  });

  it('builds classes a caller cannot tell from the published ones, for every exception of every client', async () => {
    const [published, rewritten] = await Promise.all([load([]), load([modeledErrorsPlugin()])]);
    let compared = 0;
    ERRORS_FILES.forEach((file, i) => {
      const original = published[`m${i}`] ?? {};
      const compact = rewritten[`m${i}`] ?? {};
      expect(Object.keys(compact), file).toEqual(Object.keys(original));
      for (const name of Object.keys(original)) {
        expect(portrait(compact[name] as Ctor), `${file} ${name}`).toEqual(portrait(original[name] as Ctor));
        // Named as in the SDK's sources (a minified class was named by the minifier).
        expect((compact[name] as Ctor).name).toBe(name);
        compared += 1;
      }
    });
    // The clients Preflight uses carry well over a thousand modelled exceptions between them.
    expect(compared).toBeGreaterThan(1000);
  }, 120_000);

  it('would be seen to differ if the shared definition dropped a `$retryable`', async () => {
    const [published, broken] = await Promise.all([
      load([]),
      load([modeledErrorsPlugin(compactModeledErrors, wrongDefinition)]),
    ]);
    const file = ERRORS_FILES.findIndex((f) => f.includes(`${path.sep}client-dynamodb${path.sep}`));
    const name = 'ReplicatedWriteConflictException';
    const original = published[`m${file}`]?.[name] as Ctor;
    expect(new original({ $metadata: {} }).$retryable).toEqual({});
    expect(portrait(broken[`m${file}`]?.[name] as Ctor)).not.toEqual(portrait(original));
  }, 120_000);

  it('leaves a file alone when anything in it is not the generated shape', () => {
    const file = ERRORS_FILES.find((f) => f.includes(`${path.sep}client-ssm${path.sep}`)) ?? '';
    const source = readFileSync(file, 'utf8');
    const variants = [
      // A method, a getter or any other line in a class.
      source.replace('    constructor(opts) {', '    get code() { return 1; }\n    constructor(opts) {'),
      // A member assigned from another option, or not assigned at all.
      source.replace('this.Message = opts.Message;', 'this.Message = opts.message;'),
      source.replace(/\n {8}this\.Message = opts\.Message;/, ''),
      // A shape id in another namespace, or not the class's own name.
      source.replace('"com.amazonaws.ssm#InvalidResourceId"', '"com.amazonaws.other#InvalidResourceId"'),
      source.replace('"com.amazonaws.ssm#InvalidResourceId"', '"com.amazonaws.ssm#Other"'),
      // A fault, a name or a base that differs between the field and the constructor.
      source.replace('            $fault: "server",', '            $fault: "client",'),
      source.replace('extends __BaseException {', 'extends Error {'),
      // Something after the classes.
      `${source}export const extra = 1;\n`,
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(source);
      expect(compactModeledErrors(variant)).toBe(variant);
    }
  });

  it('provides the shared definition under its own name and needs nothing outside the bundle', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-errors-'));
    dirs.push(dir);
    const result = await build({
      stdin: {
        contents: `export { modeledError } from ${JSON.stringify(MODELED_ERROR_MODULE)};`,
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'esm',
      plugins: [modeledErrorsPlugin()],
      logLevel: 'silent',
    });
    expect(result.outputFiles[0]?.text).toContain('function modeledError(');
  });
});

/** The shared definition with the `$retryable` field left out: a wrong rewrite the comparison must see. */
const wrongDefinition = `
export function modeledError(Base, namespace, name, fault, retryable, ...members) {
  const ModeledError = class extends Base {
    constructor(opts) {
      super({ name, $fault: fault, ...opts });
      Object.defineProperty(this, "name", { value: name, writable: true, enumerable: true, configurable: true });
      Object.defineProperty(this, "$fault", { value: fault, writable: true, enumerable: true, configurable: true });
      for (const member of members) Object.defineProperty(this, member, { value: undefined, writable: true, enumerable: true, configurable: true });
      Object.setPrototypeOf(this, ModeledError.prototype);
      for (const member of members) this[member] = opts[member];
    }
  };
  Object.defineProperty(ModeledError, "name", { value: name, configurable: true });
  if (namespace !== undefined) Object.defineProperty(ModeledError, "shapeId", { value: namespace + "#" + name, writable: true, enumerable: true, configurable: true });
  return ModeledError;
}
`;
