import type * as z from '../zod';

/*
 * The keys a strict object of the configuration schema accepts, found by walking the schema along an
 * issue's path, so that "unrecognized key" can say which keys exist and which one was probably meant.
 */

interface SchemaDef {
  readonly type: string;
  readonly innerType?: Walkable;
  readonly in?: Walkable;
  readonly shape?: Readonly<Record<string, Walkable>>;
  readonly valueType?: Walkable;
  readonly element?: Walkable;
}
interface Walkable {
  readonly _zod: { readonly def: SchemaDef };
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch']);

function unwrap(schema: Walkable): Walkable {
  let current = schema;
  for (;;) {
    const def: SchemaDef = current._zod.def;
    const inner = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (inner === undefined) return current;
    current = inner;
  }
}

/** The keys the object schema at `path` accepts, or `undefined` when no single object schema is there. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current: Walkable | undefined = unwrap(schema as unknown as Walkable);
  for (const part of path) {
    const def: SchemaDef = current._zod.def;
    const next: Walkable | undefined =
      def.type === 'object'
        ? def.shape?.[String(part)]
        : def.type === 'record'
          ? def.valueType
          : def.type === 'array'
            ? def.element
            : undefined;
    if (next === undefined) return undefined;
    current = unwrap(next);
  }
  const shape = current._zod.def.shape;
  return current._zod.def.type === 'object' && shape !== undefined ? Object.keys(shape) : undefined;
}
