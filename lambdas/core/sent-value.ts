/**
 * The value a caller sent at `path` of `body`, as sent: a schema that trims or transforms reports
 * its own output, and `" "` must be reported as `" "`. Own properties only; `fallback` when the
 * path does not lead to a value.
 */
export function sentAt(body: unknown, path: readonly PropertyKey[], fallback: unknown): unknown {
  let at: unknown = body;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return fallback;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
