/*
 * "A service overrides key by key": plain objects merge recursively, anything else (a number, a
 * string, an array, a rollback action) replaces the default whole. `undefined` leaves the default.
 */

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `override` laid over it key by key; neither argument is changed. */
export function mergeKeyByKey(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlain(base) || !isPlain(override)) return override;
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeKeyByKey(base[key], value);
  return merged;
}
