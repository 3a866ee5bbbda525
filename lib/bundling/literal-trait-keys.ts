import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/*
 * The AWS SDK's schema files (`@aws-sdk/<client>/dist-es/schemas/schemas_0.js`) write each schema's
 * traits with computed keys whose names are constants of the same file:
 *
 *   const _xN = "xmlName";
 *   export var Filter$ = [3, n0, _F, 0, [_N, _Va], [[0, { [_xN]: _N }], ...]];
 *
 * esbuild cannot prove that a computed key has no side effect, so it keeps every such schema,
 * whether the function sends that operation or not (evanw/esbuild#4373, aws/aws-sdk-js-v3#7607).
 * Writing the constant's own string literal in place of the key (`{ "xmlName": _N }`) is the same
 * object, and lets esbuild drop the schemas nothing uses. The SDK's code generator writes literal keys
 * itself once smithy-typescript#1889 is released; this transform is then removed.
 */

/**
 * The files the transform applies to: the schemas of an `@aws-sdk/*` package's ES module build (a
 * client's, or a nested client's submodule). `@smithy/*` and `@aws-sdk/core` write no computed keys.
 */
export const SDK_SCHEMAS_FILE =
  /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.+[\\/])?schemas[\\/]schemas_0\.js$/;

/** A top-level `const _id = "literal";` line: a complete double-quoted string, escapes allowed. */
const STRING_CONSTANT = /^const (_[A-Za-z0-9_$]*) = ("(?:[^"\\\n]|\\.)*");$/gm;

/** Every declaration of an underscore name, wherever it is: `const`, `let`, `var`, `function`, `class`. */
const DECLARATION = /\b(?:const|let|var|function|class)\s+(_[A-Za-z0-9_$]*)\b/g;

/**
 * The computed keys `[_id]:` of an object literal (after `{` or `,`) whose `_id` is a top-level
 * string constant of the same source, each replaced by that constant's literal; every other key, and
 * a source without any, is returned as it was.
 */
export function literalTraitKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, id, literal] of source.matchAll(STRING_CONSTANT)) {
    if (id !== undefined && literal !== undefined) constants.set(id, literal);
  }
  if (constants.size === 0) return source;
  // A name bound more than once (shadowed, or declared twice) is not known to be the constant.
  const declared = new Map<string, number>();
  for (const [, id] of source.matchAll(DECLARATION)) {
    if (id !== undefined) declared.set(id, (declared.get(id) ?? 0) + 1);
  }
  return source.replace(/([{,]\s*)\[(_[A-Za-z0-9_$]*)\]:/g, (whole, before: string, id: string) => {
    const literal = constants.get(id);
    return literal === undefined || declared.get(id) !== 1 ? whole : `${before}${literal}:`;
  });
}

/** The esbuild plugin that applies {@link literalTraitKeys} to the SDK's schema files as they load. */
export function literalTraitKeysPlugin(transform: (source: string) => string = literalTraitKeys): Plugin {
  return {
    name: 'preflight-literal-trait-keys',
    setup(build) {
      build.onLoad({ filter: SDK_SCHEMAS_FILE }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const contents = transform(source);
        // Unchanged (an SDK that writes literal keys itself): esbuild loads the file as usual.
        return contents === source ? undefined : { contents, loader: 'js' };
      });
    },
  };
}
