import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/*
 * Each AWS SDK client writes every modelled exception of its service as its own class
 * (`@aws-sdk/<client>/dist-es/models/errors.js`): 140 classes for SSM, 39 KiB minified for RDS and
 * for SSM alone. A function keeps all of them, whichever operations it sends: the client's error
 * registry (`schemas_0.js`, `registerError`) names every class, so that an error the service answers
 * with is thrown as its modelled class. None of them can be dropped without changing the error a
 * function sees (its `name` for the Query protocols, its `$fault`, its members, `instanceof`).
 *
 * The classes are all the same few lines, generated from the model: a name, a fault, an optional
 * `$retryable`, the members copied from the constructor's options, an optional static `shapeId`.
 * This transform writes each one as one call of a shared definition (`modeledError`) that builds the
 * same class: the same constructor steps in the same order (the base constructor, the fields as own
 * enumerable properties, the prototype, the members), the same static `shapeId`, and the class's own
 * name (as in the SDK as published; the minified classes were named by the minifier). A file with
 * anything else in it, or a class that differs from the generated shape in any line, is left as it is.
 */

/** The exception files of an `@aws-sdk/*` package's ES module build (a client's, or a nested client's). */
export const SDK_ERRORS_FILE =
  /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.+[\\/])?models[\\/]errors\.js$/;

/** The module the rewritten files import the shared definition from (provided by the plugin). */
export const MODELED_ERROR_MODULE = 'preflight:sdk-modeled-error';

/**
 * The shared definition: the class each generated exception class is. `retryable` is 0 (no
 * `$retryable` field), 1 (`$retryable = {}`) or 2 (`$retryable = { throttling: true }`); `namespace`
 * gives the static `shapeId` (`namespace#name`), or is undefined when the class has none.
 */
export const MODELED_ERROR_SOURCE = `
const field = (target, key, value) =>
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
export function modeledError(Base, namespace, name, fault, retryable, ...members) {
  const ModeledError = class extends Base {
    constructor(opts) {
      super({ name, $fault: fault, ...opts });
      field(this, "name", name);
      field(this, "$fault", fault);
      if (retryable !== 0) field(this, "$retryable", retryable === 2 ? { throttling: true } : {});
      for (const member of members) field(this, member, undefined);
      Object.setPrototypeOf(this, ModeledError.prototype);
      for (const member of members) this[member] = opts[member];
    }
  };
  Object.defineProperty(ModeledError, "name", { value: name, configurable: true });
  if (namespace !== undefined) field(ModeledError, "shapeId", namespace + "#" + name);
  return ModeledError;
}
`;

const HEADER = /^import \{ (\w+) as __BaseException,? \} from "(\.\/\w+)";\n/;

/** One generated class, line for line as the SDK's code generator writes it. */
const CLASS = new RegExp(
  [
    String.raw`export class (\w+) extends __BaseException \{\n`,
    String.raw`(?:    static shapeId = "([\w.#]+)";\n)?`,
    String.raw`    name = "\1";\n`,
    String.raw`    \$fault = "(client|server)";\n`,
    String.raw`(    \$retryable = \{\};\n|    \$retryable = \{\n        throttling: true,\n    \};\n)?`,
    String.raw`((?:    \w+;\n)*)`,
    String.raw`    constructor\(opts\) \{\n`,
    String.raw`        super\(\{\n            name: "\1",\n            \$fault: "\3",\n            \.\.\.opts,\n        \}\);\n`,
    String.raw`        Object\.setPrototypeOf\(this, \1\.prototype\);\n`,
    String.raw`((?:        this\.\w+ = opts\.\w+;\n)*)`,
    String.raw`    \}\n\}\n`,
  ].join(''),
  'y',
);

/**
 * The exception classes of one `errors.js` written as calls of the shared definition, or the source
 * unchanged when any part of it is not exactly the generated shape.
 */
export function compactModeledErrors(source: string): string {
  const header = HEADER.exec(source);
  if (header === null) return source;
  const lines = [
    header[0].trimEnd(),
    `import { modeledError as __modeledError } from ${JSON.stringify(MODELED_ERROR_MODULE)};`,
  ];
  let namespace: string | undefined;
  CLASS.lastIndex = header[0].length;
  while (CLASS.lastIndex < source.length) {
    const match = CLASS.exec(source);
    if (match === null) return source;
    const [, name = '', shapeId, fault, retryable, fields = '', assignments = ''] = match;
    const members = [...fields.matchAll(/^ {4}(\w+);$/gm)].map(([, member]) => member);
    const assigned = [...assignments.matchAll(/^ {8}this\.(\w+) = opts\.(\w+);$/gm)];
    // Every member declared is assigned from the option of the same name, in the same order.
    if (
      assigned.length !== members.length ||
      assigned.some(([, target, from], i) => target !== members[i] || from !== members[i])
    ) {
      return source;
    }
    if (shapeId !== undefined) {
      namespace ??= shapeId.slice(0, shapeId.indexOf('#'));
      if (shapeId !== `${namespace}#${name}`) return source;
    }
    const flag = retryable === undefined ? 0 : retryable.includes('throttling') ? 2 : 1;
    const args = [
      '__BaseException',
      shapeId === undefined ? 'void 0' : '__namespace',
      JSON.stringify(name),
      JSON.stringify(fault),
      String(flag),
      ...members.map((member) => JSON.stringify(member)),
    ];
    lines.push(`export const ${name} = /* @__PURE__ */ __modeledError(${args.join(', ')});`);
  }
  if (lines.length === 2) return source;
  if (namespace !== undefined) lines.splice(2, 0, `const __namespace = ${JSON.stringify(namespace)};`);
  return `${lines.join('\n')}\n`;
}

/**
 * The esbuild plugin that applies {@link compactModeledErrors} to the SDK's exception files as they
 * load, and provides the shared definition they import.
 */
export function modeledErrorsPlugin(
  transform: (source: string) => string = compactModeledErrors,
  definition: string = MODELED_ERROR_SOURCE,
): Plugin {
  return {
    name: 'preflight-modeled-errors',
    setup(build) {
      build.onResolve({ filter: /^preflight:sdk-modeled-error$/ }, () => ({
        path: MODELED_ERROR_MODULE,
        namespace: 'preflight-sdk',
      }));
      build.onLoad({ filter: /.*/, namespace: 'preflight-sdk' }, () => ({
        contents: definition,
        loader: 'js',
      }));
      build.onLoad({ filter: SDK_ERRORS_FILE }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const contents = transform(source);
        return contents === source ? undefined : { contents, loader: 'js', resolveDir: dirnameOf(args.path) };
      });
    },
  };
}

const dirnameOf = (file: string) => file.replace(/[\\/][^\\/]*$/, '');
