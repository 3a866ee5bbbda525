import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import type * as TypeScript from 'typescript';

/*
 * Preflight's zod schemas are module-level constants written as method chains:
 *
 *   export const RegionSchema = z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, '...'));
 *
 * zod marks its functions free of side effects, but not a method such as `.check()`, so esbuild keeps
 * every such constant of every module a function imports, used or not, and builds it when the
 * function loads: a handler that needs the environments' account ids also got (and built, at each
 * cold start) the whole configuration's schema. Building a schema has no effect but the schema itself
 * (none of these registers a schema anywhere), so each such constant (and each function environment,
 * `functionEnvironment(...)`, a schema of the variables) is written as a call marked pure,
 * `/* @__PURE__ *\/ (() => z.string().check(...))()`: the same value, built at the same point, and
 * dropped by esbuild when nothing reads it.
 */

/** The handler code's own TypeScript sources (a package's are told apart by {@link PACKAGE}). */
export const OWN_SOURCE = /[\\/]lambdas[\\/].+\.ts$/;
const PACKAGE = /[\\/]node_modules[\\/]/;

/** What a schema constant's initializer is built from: zod's namespace, or a function environment. */
const SCHEMA_ROOTS = new Set(['z', 'functionEnvironment']);

/** What would give building a schema an effect beyond its value: a registry. */
const REGISTERS = /\.register\(|\.meta\(|globalRegistry/;

/** The identifier a chain of calls and property reads (`z.string().check(...)`) starts from. */
function chainRoot(ts: typeof TypeScript, expression: TypeScript.Expression): string | undefined {
  let node: TypeScript.Expression = expression;
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) node = node.expression;
  return ts.isIdentifier(node) ? node.text : undefined;
}

/**
 * Each top-level `const` whose initializer is a call chain built from zod (or a function environment),
 * wrapped in a call marked pure; a source without one is returned as it was. The source is read by
 * TypeScript's own parser, so strings, templates, regular expressions and comments are never mistaken
 * for the end of a statement.
 */
export function pureSchemas(ts: typeof TypeScript, source: string, fileName = 'source.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { start: number; end: number }[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const { initializer } of statement.declarationList.declarations) {
      if (initializer === undefined) continue;
      // `z.strictObject({...}) satisfies z.ZodMiniType<T>` is the call it checks.
      let value: TypeScript.Expression = initializer;
      while (ts.isSatisfiesExpression(value) || ts.isAsExpression(value)) value = value.expression;
      if (!ts.isCallExpression(value)) continue;
      const root = chainRoot(ts, value);
      if (root === undefined || !SCHEMA_ROOTS.has(root)) continue;
      const start = initializer.getStart(file);
      if (REGISTERS.test(source.slice(start, initializer.end))) continue;
      edits.push({ start, end: initializer.end });
    }
  }
  let out = source;
  // From the last, so earlier indices stay valid; lines are kept, so source maps' lines still hold.
  for (const { start, end } of edits.reverse()) {
    out = `${out.slice(0, start)}/* @__PURE__ */ (() => ${out.slice(start, end)})()${out.slice(end)}`;
  }
  return out;
}

/**
 * The esbuild plugin that applies {@link pureSchemas} to the handlers' own sources as they load.
 * TypeScript's parser is loaded when the first source is, so only a build pays for it.
 */
export function pureSchemasPlugin(): Plugin {
  let parser: Promise<typeof TypeScript> | undefined;
  return {
    name: 'preflight-pure-schemas',
    setup(build) {
      build.onLoad({ filter: OWN_SOURCE }, async (args) => {
        if (PACKAGE.test(args.path)) return undefined;
        parser ??= import('typescript').then((loaded) => loaded.default);
        const [ts, source] = await Promise.all([parser, readFile(args.path, 'utf8')]);
        const contents = pureSchemas(ts, source, args.path);
        return contents === source ? undefined : { contents, loader: 'ts' };
      });
    },
  };
}
