type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/**
 * Every family's checks (entries or definitions, keyed by check id) in one object, typed as the
 * intersection of the families' objects, so each id keeps its own type.
 */
export function mergeFamilies<Families extends Readonly<Record<string, object>>>(
  families: Families,
): UnionToIntersection<Families[keyof Families]> {
  return Object.assign({}, ...Object.values(families));
}
