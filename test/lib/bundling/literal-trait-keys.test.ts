import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build, type OnLoadArgs, type OnLoadResult, type PluginBuild } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import {
  literalTraitKeys,
  literalTraitKeysPlugin,
  SDK_SCHEMAS_FILE,
} from '../../../lib/bundling/literal-trait-keys';
import { PROJECT_ROOT } from '../../../lib/preflight-function';

/*
 * The SDK schema transform on plain sources: computed keys named by the file's own top-level string
 * constants become those literals, and nothing else changes.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Evaluates a schema-like module's body (no imports) and returns what it exports. */
function evaluate(source: string): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  const body = source.replace(/^export var (\w+)/gm, 'var $1 = exports.$1');
  new Function('exports', body)(exports);
  return exports;
}

const SCHEMA = `const _F = "Filter";
const _N = "Name";
const _hH = "httpHeader";
const _q = "say \\"hi\\"";
const _xN = "xmlName";
const n0 = "com.amazonaws.ec2";
export var Filter$ = [3, n0, _F, 0, [_N, _q], [[0, { [_xN]: _N }], [0, { [_hH]: "x-amz-date", [_q]: 1 }]]];
`;

describe('literalTraitKeys', () => {
  it("writes a computed key named by a top-level string constant as that constant's literal", () => {
    const out = literalTraitKeys(SCHEMA);

    expect(out).toContain('[[0, { "xmlName": _N }], [0, { "httpHeader": "x-amz-date", "say \\"hi\\"": 1 }]]');
    expect(out).not.toMatch(/\[_\w+\]:/);
    // The same objects, keys, values and order.
    expect(evaluate(out)).toEqual(evaluate(SCHEMA));
    expect(JSON.stringify(evaluate(out))).toBe(JSON.stringify(evaluate(SCHEMA)));
  });

  it('leaves alone a key whose name is no top-level string constant of the file', () => {
    const source = [
      'const _n = 5;',
      'let _l = "let";',
      '  const _i = "indented";',
      'const _t = `template`;',
      'const _s = "shadowed";',
      'function f(x) { const _s = "other"; return { [_s]: x }; }',
      'export var A$ = [{ [_n]: 1 }, { [_l]: 2 }, { [_i]: 3 }, { [_t]: 4 }, { [_u]: 5 }, { [_s]: 6 }];',
      '',
    ].join('\n');

    expect(literalTraitKeys(source)).toBe(source);
  });

  it('leaves alone a bracketed name that is not an object key', () => {
    const source =
      'const _x = "x";\nexport var A$ = [[_x], c ? [_x]: 0, c ? o[_x]: 1, o[_x], { k: [_x] }];\n';

    expect(literalTraitKeys(source)).toBe(source);
  });

  it('returns a source without such keys as it was (an SDK that writes literal keys itself)', () => {
    const literal = 'const _xN = "xmlName";\nexport var A$ = [0, { "xmlName": "a" }];\n';

    expect(literalTraitKeys(literal)).toBe(literal);
    expect(literalTraitKeys('')).toBe('');
  });

  it("turns every computed key of the pinned EC2 client's schemas into a literal", () => {
    const file = path.join(PROJECT_ROOT, 'node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js');
    const source = readFileSync(file, 'utf8');
    const keys = source.match(/\{ \[_\w+\]:|, \[_\w+\]:/g)?.length ?? 0;

    const out = literalTraitKeys(source);

    expect(keys).toBeGreaterThan(1000);
    expect(out.match(/\[_\w+\]:/g)).toBeNull();
    // Only the keys changed: the rest of the file is the same, character for character.
    const strip = (text: string) => text.replace(/([{,]\s*)(?:\[_\w+\]|"(?:[^"\\]|\\.)*"):/g, '$1K:');
    expect(strip(out)).toBe(strip(source));
  });
});

describe('SDK_SCHEMAS_FILE', () => {
  it("names the schema files of @aws-sdk packages' ES module builds only", () => {
    const matches = [
      '/p/node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js',
      '/p/node_modules/@aws-sdk/nested-clients/dist-es/submodules/sts/schemas/schemas_0.js',
      '/p/node_modules/@aws-sdk/client-s3/node_modules/@aws-sdk/client-sts/dist-es/schemas/schemas_0.js',
      'C:\\p\\node_modules\\@aws-sdk\\client-s3\\dist-es\\schemas\\schemas_0.js',
    ];
    const others = [
      '/p/node_modules/@aws-sdk/client-ec2/dist-cjs/schemas/schemas_0.js',
      '/p/node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_1.js',
      '/p/node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeVpcsCommand.js',
      '/p/node_modules/@smithy/core/dist-es/submodules/schema/schemas/schemas_0.js',
      '/p/lambdas/schemas/schemas_0.js',
    ];
    for (const file of matches) expect(file, file).toMatch(SDK_SCHEMAS_FILE);
    for (const file of others) expect(file, file).not.toMatch(SDK_SCHEMAS_FILE);
  });
});

describe('literalTraitKeysPlugin', () => {
  /** A project with one fake SDK client whose schemas file is `schemas`, and an entry using one schema. */
  function project(schemas: string): string {
    const root = mkdtempSync(path.join(tmpdir(), 'preflight-literal-keys-'));
    dirs.push(root);
    const client = path.join(root, 'node_modules/@aws-sdk/client-fake');
    mkdirSync(path.join(client, 'dist-es/schemas'), { recursive: true });
    writeFileSync(
      path.join(client, 'package.json'),
      JSON.stringify({ name: '@aws-sdk/client-fake', module: 'dist-es/index.js', sideEffects: false }),
    );
    writeFileSync(path.join(client, 'dist-es/index.js'), 'export * from "./schemas/schemas_0";\n');
    writeFileSync(path.join(client, 'dist-es/schemas/schemas_0.js'), schemas);
    writeFileSync(
      path.join(root, 'entry.js'),
      'import { Used$ } from "@aws-sdk/client-fake";\nconsole.log(Used$);\n',
    );
    return root;
  }

  const bundled = async (root: string, plugins: ReturnType<typeof literalTraitKeysPlugin>[]) => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['entry.js'],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      plugins,
    });
    return result.outputFiles[0]?.text ?? '';
  };

  const SCHEMAS = `const _xN = "xmlName";
const _U = "UsedShape";
const _V = "UnusedShape";
export var Used$ = [3, "n", _U, 0, [], [[0, { [_xN]: _U }]]];
export var Unused$ = [3, "n", _V, 0, [], [[0, { [_xN]: _V }]]];
`;

  it('lets esbuild drop the schemas the bundle does not use, which it keeps with computed keys', async () => {
    const root = project(SCHEMAS);

    const without = await bundled(root, []);
    const withPlugin = await bundled(root, [literalTraitKeysPlugin()]);

    expect(without).toContain('Unused$');
    expect(withPlugin).toContain('Used$');
    expect(withPlugin).toContain('"xmlName"');
    expect(withPlugin).not.toContain('Unused$');
  });

  it('passes a schemas file it does not change through to esbuild untouched', async () => {
    const root = project(SCHEMAS.replace(/\[_xN\]/g, '"xmlName"'));
    type OnLoad = (args: OnLoadArgs) => Promise<OnLoadResult | undefined>;
    let onLoad: OnLoad | undefined;
    await literalTraitKeysPlugin().setup({
      onLoad: (_options: unknown, callback: OnLoad) => {
        onLoad = callback;
      },
    } as unknown as PluginBuild);
    const file = path.join(root, 'node_modules/@aws-sdk/client-fake/dist-es/schemas/schemas_0.js');

    expect(await onLoad?.({ path: file } as OnLoadArgs)).toBeUndefined();
    // ...and hands esbuild the transformed text of a file it changes.
    writeFileSync(file, SCHEMAS);
    expect(await onLoad?.({ path: file } as OnLoadArgs)).toEqual({
      contents: literalTraitKeys(SCHEMAS),
      loader: 'js',
    });
  });
});
