/**
 * A commander action whose code is loaded when its command runs. Command definitions (flags, help)
 * load at start and stay light; what a command needs (the SDK clients, zod, the checks) loads only
 * for that command, so `--help` and the offline commands start at once. esbuild keeps a literal
 * `import('./actions/x')` lazy inside the bundle.
 */
export function lazyAction<A extends unknown[]>(
  load: () => Promise<(...args: A) => unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const run = await load();
    await run(...args);
  };
}
