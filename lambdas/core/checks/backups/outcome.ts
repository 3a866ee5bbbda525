/** The result of reading one source: its value, or what stopped the read. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/**
 * Awaits a read without throwing, so one denied API degrades only the rules that depend on it
 * instead of stopping the whole check.
 */
export async function settle<T>(read: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error };
  }
}
