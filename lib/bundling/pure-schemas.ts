import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

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

/** A top-level (column 0) `const NAME = z` or `export const NAME: Type = z`: a schema built with zod. */
const SCHEMA_CONSTANT =
  /^(?:export )?const [A-Za-z_$][\w$]*(?::[^=\n]+)? = (?=z[.\n]|functionEnvironment\()/gm;

/** What would give building a schema an effect beyond its value: a registry. */
const REGISTERS = /\.register\(|\.meta\(|globalRegistry/;

/** A `/` after one of these (or at the start) begins a regular expression, not a division. */
const BEFORE_REGEX = /[(,=:[!&|?{};+\-*%<>~^]$/;

/**
 * Where the statement that starts at `from` ends: the index of its `;` at bracket depth 0, skipping
 * strings, template literals, comments and regular expressions. `undefined` when the source ends
 * first (the text is then left as it was).
 */
export function statementEnd(source: string, from: number): number | undefined {
  let depth = 0;
  let previous = '=';
  // Template literals' `${` nest: the depth each one was opened at.
  const templates: number[] = [];
  let i = from;
  const skipTemplate = (): void => {
    // At a template's text (after ` or after the } closing a ${...}): up to its end or its next ${.
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i += 1;
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        templates.push(depth);
        depth += 1;
        i += 2;
        return;
      } else i += 1;
    }
  };
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i += 1;
      continue;
    }
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) return undefined;
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      i += 1;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
      i += 1;
      previous = c;
      continue;
    }
    if (c === '`') {
      i += 1;
      skipTemplate();
      previous = '`';
      continue;
    }
    if (c === '/' && BEFORE_REGEX.test(previous)) {
      i += 1;
      let inClass = false;
      while (i < source.length && (inClass || source[i] !== '/')) {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        else if (source[i] === '\n') return undefined;
        i += 1;
      }
      i += 1;
      while (i < source.length && /[a-z]/.test(source[i] as string)) i += 1;
      previous = '/';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') {
      depth -= 1;
      if (c === '}' && templates.at(-1) === depth) {
        templates.pop();
        i += 1;
        skipTemplate();
        previous = '`';
        continue;
      }
      if (depth < 0) return undefined;
    } else if (c === ';' && depth === 0) return i;
    previous = c;
    i += 1;
  }
  return undefined;
}

/**
 * Each top-level schema constant built with zod, its initializer wrapped in a call marked pure; a
 * source without one (or one this cannot read to its end) is returned as it was.
 */
export function pureSchemas(source: string): string {
  const edits: { start: number; end: number }[] = [];
  for (const match of source.matchAll(SCHEMA_CONSTANT)) {
    const start = match.index + match[0].length;
    const end = statementEnd(source, start);
    if (end === undefined || REGISTERS.test(source.slice(start, end))) continue;
    edits.push({ start, end });
  }
  let out = source;
  // From the last, so earlier indices stay valid; lines are kept, so source maps' lines still hold.
  for (const { start, end } of edits.reverse()) {
    out = `${out.slice(0, start)}/* @__PURE__ */ (() => ${out.slice(start, end)})()${out.slice(end)}`;
  }
  return out;
}

/** The esbuild plugin that applies {@link pureSchemas} to the handlers' own sources as they load. */
export function pureSchemasPlugin(transform: (source: string) => string = pureSchemas): Plugin {
  return {
    name: 'preflight-pure-schemas',
    setup(build) {
      build.onLoad({ filter: OWN_SOURCE }, async (args) => {
        if (PACKAGE.test(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const contents = transform(source);
        return contents === source ? undefined : { contents, loader: 'ts' };
      });
    },
  };
}
