import * as z from '../zod';

/*
 * A set written as a list: a repeat is a copy-paste or a merge of two lists, never a meaning. Kept,
 * it is done twice (a resource audited twice and every finding counted twice, a database backed up
 * twice, a deployment group stopped twice) or it hides a mistake (a second mute of the same resource
 * whose other date is never read). Each repeat is named at its own index, with the index it repeats.
 */

/**
 * The check of a list whose entries must differ once `sameAs` makes them comparable (by default,
 * as JSON: `{a, b}` objects compare by their values). `repeats` words the problem from the index
 * repeated, where a list says more than "it repeats [n]".
 */
export function eachOnce<T>(
  noun: string,
  sameAs: (value: T) => string = (value) => JSON.stringify(value),
  repeats: (earlier: number) => string = (earlier) => `it repeats [${earlier}]`,
) {
  return z.superRefine((values: readonly T[], ctx) => {
    const first = new Map<string, number>();
    values.forEach((value, index) => {
      const key = sameAs(value);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: [index],
        input: value,
        message: `expected each ${noun} once: ${repeats(earlier)}`,
      });
    });
  });
}
