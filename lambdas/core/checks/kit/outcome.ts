/**
 * The result of reading one data source: its value, or what stopped the read. Every check family
 * reads each source it depends on through {@link settle}, so one denied or throttled API degrades
 * only the rules that need it (to ERROR, or to a WARN saying what could not be seen) and never
 * stops the others.
 */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/** Awaits a read without throwing: its value, or the error it threw. */
export async function settle<T>(read: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A read that succeeded with `value`. */
export const succeeded = <T>(value: T): Outcome<T> => ({ ok: true, value });

/** Transforms a successful outcome's value; a failure stays the same failure. */
export function mapOutcome<T, U>(outcome: Outcome<T>, map: (value: T) => U): Outcome<U> {
  return outcome.ok ? { ok: true, value: map(outcome.value) } : outcome;
}
