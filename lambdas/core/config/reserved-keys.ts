import type { ConfigProblem } from './validate';

/*
 * JSON.parse keeps `__proto__` as an ordinary key, but copying it into a new object (as schema
 * validation does) sets the copy's prototype instead: a service or environment named `__proto__`
 * would vanish without a word and the configuration would read as having none. The key is refused
 * before validation, wherever it appears.
 */
const RESERVED_KEY = '__proto__';

function walk(value: unknown, path: string, problems: ConfigProblem[]): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`, problems);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === RESERVED_KEY) {
      problems.push({
        key: at,
        value: key,
        expected: 'expected a name other than __proto__ (JavaScript reserves it: the entry would be dropped)',
      });
      continue;
    }
    walk((value as Record<string, unknown>)[key], at, problems);
  }
}

/** Every key of the parsed file named `__proto__`, at any depth. */
export function reservedKeyProblems(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  walk(raw, '', problems);
  return problems;
}
