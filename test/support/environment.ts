/** The process environment as it is now, to give back with {@link restoreEnvironment}. */
export function saveEnvironment(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}

/**
 * Puts the process environment back as `saved` had it, in place (the same `process.env` object):
 * variables added since are removed, changed ones set back. A test file of the shared test project
 * runs in a process the files after it use too (vitest.config.mts).
 */
export function restoreEnvironment(saved: Readonly<Record<string, string | undefined>>): void {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else if (process.env[name] !== value) process.env[name] = value;
  }
}
