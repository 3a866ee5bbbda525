/**
 * The entry of `record` named `key`, if the record itself has it. A configuration's maps are keyed by
 * names the caller gives (a service, an environment): `constructor` or `toString` must read as
 * unknown, not as what every JavaScript object inherits.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
