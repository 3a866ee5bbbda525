/*
 * EventBridge's input transformer, applied locally to a rule target's `InputTransformer` (as the
 * template holds it, intrinsic functions already resolved): each `<name>` of `InputPathsMap` becomes
 * the value at its path in the event. Inside a JSON string the value is written as text (escaped so
 * the result stays JSON), elsewhere as JSON, which is what EventBridge does ("Amazon EventBridge
 * input transformation"). A path the event does not have throws: a route must never read one.
 */

export interface InputTransformer {
  readonly InputPathsMap: Readonly<Record<string, string>>;
  readonly InputTemplate: string;
}

export class MissingPathError extends Error {
  override readonly name = 'MissingPathError';
}

function valueAt(event: unknown, path: string): unknown {
  if (!path.startsWith('$.')) throw new Error(`unsupported path ${path}`);
  let value: unknown = event;
  for (const part of path.slice(2).split('.')) {
    if (value === null || typeof value !== 'object' || !(part in value)) {
      throw new MissingPathError(`the event has no ${path}`);
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The text a target receives for `event`. */
export function applyInputTransformer(transformer: InputTransformer, event: unknown): string {
  const values = Object.fromEntries(
    Object.entries(transformer.InputPathsMap).map(([name, path]) => [name, valueAt(event, path)]),
  );
  const template = transformer.InputTemplate;
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i] as string;
    if (char === '\\' && inString) {
      out += template.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (char === '"') inString = !inString;
    const placeholder = char === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    const name = placeholder?.[1];
    if (placeholder === null || name === undefined || !(name in values)) {
      out += char;
      continue;
    }
    const value = values[name];
    out += inString
      ? typeof value === 'string'
        ? JSON.stringify(value).slice(1, -1)
        : JSON.stringify(value)
      : JSON.stringify(value);
    i += placeholder[0].length - 1;
  }
  return out;
}
