import { createRequire } from 'node:module';
import { vi } from 'vitest';
import { moduleStateChanges } from './shared-state-checks';

/*
 * The `pure` and `shared` test projects (vitest.config.mts) run their files one after another in a
 * shared worker process, without a fresh module graph per file: a file that changed the process's
 * shared state (an environment variable, a global, a built-in's method, a prototype, fake timers,
 * an SDK client's `send` left stubbed by aws-sdk-client-mock) would change it for every file after
 * it, and their results would depend on the order. The guard records that state before a file runs
 * and names whatever the file left changed, so such a file fails at once and is moved to the
 * isolated project (or cleans up after itself).
 */

/** Built-in functions a test might replace in place (the globals snapshot sees only `globalThis`'s own properties). */
const BUILT_INS: Readonly<Record<string, () => unknown>> = {
  'Date.now': () => Date.now,
  'Math.random': () => Math.random,
  'JSON.parse': () => JSON.parse,
  'JSON.stringify': () => JSON.stringify,
  'console.log': () => console.log,
  'console.info': () => console.info,
  'console.warn': () => console.warn,
  'console.error': () => console.error,
  'console.debug': () => console.debug,
  'process.exit': () => process.exit,
  'process.emitWarning': () => process.emitWarning,
  'process.cwd()': () => process.cwd(),
};

/** Prototypes whose own keys a test could pollute. */
const PROTOTYPES: Readonly<Record<string, object>> = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
  'Promise.prototype': Promise.prototype,
};

/**
 * Globals that change without a test asking: the runner's own, and Node's fetch (undici), which
 * installs its dispatcher under a symbol the first time anything in the process uses it.
 */
const RUNNER_GLOBAL = /^__vitest|^__VITEST|^undici\./;

/**
 * What a library sets the first time anything in the process loads it, the same for every file:
 * Powertools' SDK user agent (`AWS_SDK_UA_APP_ID`), the Lambda runtime's invoke store (`awslambda`),
 * zod's and aws-cdk-lib's registries, graceful-fs's queue. Only their first appearance is excused (a
 * file may be the first to load the library); a file that changes or removes them is still named.
 */
const SET_ON_FIRST_LOAD = {
  env: new Set(['AWS_SDK_UA_APP_ID']),
  globals: new Set([
    'awslambda',
    '__zod_globalConfig',
    '__zod_globalRegistry',
    '__cdkTokenMap',
    '@aws-cdk/core:performanceProfilingState',
    '@aws-cdk/core.AppPerfState',
    'graceful-fs.queue',
  ]),
};

const keyName = (key: string | symbol) => (typeof key === 'string' ? key : (key.description ?? ''));

// tslib, loaded by a CommonJS require, also writes its helpers (`__extends`, `__awaiter`...) on the
// global object: loaded here, before any snapshot, they are part of every file's starting state.
createRequire(__filename)('tslib');

/** The SDK's client modules (and the client base class they share), as Node has loaded them. */
const SDK_CLIENT_MODULE =
  /[\\/]node_modules[\\/](@aws-sdk[\\/]client-[^\\/]+|@smithy[\\/]smithy-client)[\\/]/;

type Stubbed = { isSinonProxy?: unknown; restore?: unknown };

/** Whether `send` is a stand-in (sinon's, as aws-sdk-client-mock makes, or vitest's) rather than the SDK's own. */
function isStandIn(send: unknown): boolean {
  if (typeof send !== 'function') return false;
  const stub = send as Stubbed;
  return stub.isSinonProxy === true || typeof stub.restore === 'function' || vi.isMockFunction(send);
}

/**
 * The SDK client classes whose `send` is stubbed now, by name (`S3Client`), with the stub. aws-sdk-client-mock's
 * `mockClient(S3Client)` replaces `S3Client.prototype.send` until `restore()`; the SDK packages
 * are loaded once per process, so the stub outlives the file that made it. Only modules already
 * loaded are looked at: a client no file has imported cannot be stubbed.
 */
export function stubbedSdkClients(): Map<string, unknown> {
  const stubs = new Map<string, unknown>();
  const cache = createRequire(__filename).cache;
  for (const [file, loaded] of Object.entries(cache)) {
    if (!SDK_CLIENT_MODULE.test(file)) continue;
    const exports: unknown = loaded?.exports;
    if (exports === null || typeof exports !== 'object') continue;
    for (const name of Object.keys(exports)) {
      if (!name.endsWith('Client')) continue;
      const value = (exports as Record<string, unknown>)[name];
      if (typeof value !== 'function' || value.prototype === undefined) continue;
      const send: unknown = Object.getOwnPropertyDescriptor(value.prototype, 'send')?.value;
      if (isStandIn(send)) stubs.set(name, send);
    }
  }
  return stubs;
}

export { registerSharedStateCheck } from './shared-state-checks';

/** The process state a test file must leave as it found it. */
export interface SharedState {
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly globals: ReadonlyMap<string | symbol, unknown>;
  readonly builtIns: ReadonlyMap<string, unknown>;
  readonly prototypeKeys: ReadonlyMap<string, string>;
  readonly sdkStubs: ReadonlyMap<string, unknown>;
}

function globalValues(): Map<string | symbol, unknown> {
  const values = new Map<string | symbol, unknown>();
  for (const key of Reflect.ownKeys(globalThis)) {
    if (RUNNER_GLOBAL.test(typeof key === 'string' ? key : (key.description ?? ''))) continue;
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    // A getter's result may legitimately differ per read; what matters is that the getter is the same.
    values.set(key, descriptor?.get ?? descriptor?.value);
  }
  return values;
}

/** Records the shared state now. */
export function snapshotSharedState(): SharedState {
  return {
    env: new Map(Object.entries(process.env)),
    globals: globalValues(),
    builtIns: new Map(Object.entries(BUILT_INS).map(([name, read]) => [name, read()])),
    prototypeKeys: new Map(
      Object.entries(PROTOTYPES).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).join(',')]),
    ),
    sdkStubs: stubbedSdkClients(),
  };
}

/** What differs from `before` now, one entry per changed thing; empty when nothing changed. */
export function sharedStateChanges(before: SharedState): string[] {
  const changes: string[] = [];
  const env = new Map(Object.entries(process.env));
  for (const name of new Set([...before.env.keys(), ...env.keys()])) {
    if (!before.env.has(name) && SET_ON_FIRST_LOAD.env.has(name)) continue;
    if (before.env.get(name) !== env.get(name)) changes.push(`process.env.${name}`);
  }
  const globals = globalValues();
  for (const key of new Set([...before.globals.keys(), ...globals.keys()])) {
    if (!before.globals.has(key) && SET_ON_FIRST_LOAD.globals.has(keyName(key))) continue;
    if (before.globals.has(key) !== globals.has(key) || !Object.is(before.globals.get(key), globals.get(key)))
      changes.push(`globalThis.${String(key)}`);
  }
  for (const [name, read] of Object.entries(BUILT_INS))
    if (before.builtIns.get(name) !== read()) changes.push(name);
  for (const [name, proto] of Object.entries(PROTOTYPES))
    if (before.prototypeKeys.get(name) !== Reflect.ownKeys(proto).map(String).join(','))
      changes.push(`${name} keys`);
  if (vi.isFakeTimers()) changes.push('fake timers still on');
  // A stub another file left is that file's failure; this file answers for the stubs it made.
  for (const [name, stub] of [...stubbedSdkClients()].sort(([a], [b]) => a.localeCompare(b)))
    if (!Object.is(before.sdkStubs.get(name), stub)) changes.push(`${name}.prototype.send stubbed`);
  changes.push(...moduleStateChanges());
  return changes;
}

/** The message a test file that left shared state changed fails with. */
export function sharedStateProblem(changes: readonly string[]): string | undefined {
  return changes.length === 0
    ? undefined
    : `This test file left shared state changed (${changes.join(', ')}). Its test project runs its files in one process: restore what a test changes (vi.unstubAllEnvs, vi.unstubAllGlobals, vi.useRealTimers, mockRestore, an aws-sdk-client-mock stub's restore() in afterAll), or move the file to the isolated project in vitest.config.mts.`;
}
