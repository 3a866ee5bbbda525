import { vi } from 'vitest';

/*
 * The `pure` test project (vitest.config.mts) runs its files one after another in a shared worker
 * process, without a fresh module graph per file: a file that changed the process's shared state
 * (an environment variable, a global, a built-in's method, a prototype, fake timers) would change
 * it for every file after it, and their results would depend on the order. The guard records that
 * state before a file runs and names whatever the file left changed, so such a file fails at once
 * and is moved to the isolated project (or cleans up after itself).
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

/** The process state a test file must leave as it found it. */
export interface SharedState {
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly globals: ReadonlyMap<string | symbol, unknown>;
  readonly builtIns: ReadonlyMap<string, unknown>;
  readonly prototypeKeys: ReadonlyMap<string, string>;
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
  };
}

/** What differs from `before` now, one entry per changed thing; empty when nothing changed. */
export function sharedStateChanges(before: SharedState): string[] {
  const changes: string[] = [];
  const env = new Map(Object.entries(process.env));
  for (const name of new Set([...before.env.keys(), ...env.keys()]))
    if (before.env.get(name) !== env.get(name)) changes.push(`process.env.${name}`);
  const globals = globalValues();
  for (const key of new Set([...before.globals.keys(), ...globals.keys()]))
    if (before.globals.has(key) !== globals.has(key) || !Object.is(before.globals.get(key), globals.get(key)))
      changes.push(`globalThis.${String(key)}`);
  for (const [name, read] of Object.entries(BUILT_INS))
    if (before.builtIns.get(name) !== read()) changes.push(name);
  for (const [name, proto] of Object.entries(PROTOTYPES))
    if (before.prototypeKeys.get(name) !== Reflect.ownKeys(proto).map(String).join(','))
      changes.push(`${name} keys`);
  if (vi.isFakeTimers()) changes.push('fake timers still on');
  return changes;
}

/** The message a test file that left shared state changed fails with. */
export function sharedStateProblem(changes: readonly string[]): string | undefined {
  return changes.length === 0
    ? undefined
    : `This test file left shared state changed (${changes.join(', ')}). The pure test project runs its files in one process: restore what a test changes (vi.unstubAllEnvs, vi.unstubAllGlobals, vi.useRealTimers, mockRestore), or move the file out of the pure project in vitest.config.mts.`;
}
