/**
 * A command line of default flags and a test's own: a flag the test gives replaces its default
 * rather than being given twice (the CLI refuses a judging flag given twice). `defaults` are
 * `[flag, value]` pairs; `extra` is passed as written.
 */
export function withDefaults(
  defaults: readonly (readonly [string, string])[],
  extra: readonly string[],
): string[] {
  const given = new Set(extra.filter((arg) => arg.startsWith('--')));
  return [...defaults.filter(([flag]) => !given.has(flag)).flat(), ...extra];
}
