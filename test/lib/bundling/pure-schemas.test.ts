import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { watchTargetSettings } from '../../../lambdas/core/services/target-settings';
import { bundleFunction } from '../../../lib/bundling/bundle';
import { OWN_SOURCE, pureSchemas } from '../../../lib/bundling/pure-schemas';
import { PROJECT_ROOT } from '../../../lib/preflight-function';

/*
 * The handlers' zod schema constants marked pure as they are bundled: the same values, built at the
 * same point, and dropped (neither bundled nor built at load) where a function never reads them.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const WRAP = '/* @__PURE__ */ (() => ';

describe('pureSchemas', () => {
  it('wraps a top-level schema constant, one line or many, in a call marked pure, and nothing else', () => {
    const source = [
      "import * as z from '../zod';",
      "export const A = z.string().check(z.regex(/^a;(b)[)}]$/, 'a; b'));",
      'const B = z',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a source with a template literal, as text
      '  .strictObject({ a: A, t: z.literal(`x${"}"};`) })',
      '  .check(',
      '    z.superRefine((v, ctx) => {',
      "      if (v.a === '/*') return; // a ; here",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a source with a template literal, as text
      '      ctx.addIssue({ code: "custom", message: `a ${v.a.length / 2} }`, input: v });',
      '    }),',
      '  );',
      'export const C: z.ZodMiniString = z.string();',
      'export const S = z.string() satisfies z.ZodMiniType<string>;',
      'const notSchema = helper(z.string());',
      'export function f() {',
      '  const inner = z.string();',
      '  return inner;',
      '}',
      '',
    ].join('\n');

    const out = pureSchemas(ts, source);

    expect(out).toContain(`export const A = ${WRAP}z.string().check(z.regex(/^a;(b)[)}]$/, 'a; b')))();`);
    expect(out).toContain(`const B = ${WRAP}z\n  .strictObject`);
    expect(out).toContain('    }),\n  ))();\nexport const C');
    expect(out).toContain(`export const C: z.ZodMiniString = ${WRAP}z.string())();`);
    expect(out).toContain(`export const S = ${WRAP}z.string() satisfies z.ZodMiniType<string>)();`);
    expect(out).toContain('const notSchema = helper(z.string());');
    expect(out).toContain('  const inner = z.string();');
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
    expect(() => transformSync(out, { loader: 'ts' })).not.toThrow();
  });

  it('leaves alone a schema that registers itself (building it has an effect), and what is not a call chain from zod', () => {
    const source = [
      "export const R = z.string().register(z.globalRegistry, { id: 'r' });",
      'export const alias = z;',
      'export let later = z.string();',
      'const other = y.string().check(z.minLength(1));',
      '',
    ].join('\n');

    expect(pureSchemas(ts, source)).toBe(source);
  });

  it("reads every schema constant of the handlers' sources to its end, and each still compiles, line for line", () => {
    const files = execFileSync('git', ['ls-files', 'lambdas/*.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      .trim()
      .split('\n');
    let wrapped = 0;
    for (const file of files) {
      const source = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
      const out = pureSchemas(ts, source, file);
      // Every one-line schema constant at least (the parser also finds those written over lines).
      const constants = [
        ...source.matchAll(/^(?:export )?const \w+(?::[^=\n]+)? = (?:z\.|functionEnvironment\()/gm),
      ];
      const wraps = out.split(WRAP).length - 1;
      expect(wraps, file).toBeGreaterThanOrEqual(constants.length);
      wrapped += wraps;
      if (out === source) continue;
      expect(out.split('\n'), file).toHaveLength(source.split('\n').length);
      expect(() => transformSync(out, { loader: 'ts' }), file).not.toThrow();
    }
    expect(wrapped).toBeGreaterThan(100);
  });

  it("applies to the handlers' own sources, never a package's", () => {
    expect(OWN_SOURCE.test('/p/lambdas/core/config/schema.ts')).toBe(true);
    expect(OWN_SOURCE.test('/p/lib/preflight-stack.ts')).toBe(false);
  });
});

describe('a function bundled with its schemas marked pure', () => {
  it('carries only the schemas it reads, and still refuses a bad slice with the same message', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'preflight-pure-schemas-'));
    dirs.push(outDir);
    const { file } = await bundleFunction({
      projectRoot: PROJECT_ROOT,
      entry: 'lambdas/handlers/watch/start.ts',
      outDir,
    });
    const code = readFileSync(file, 'utf8');

    // The watch slice's sections are there; the whole configuration's schema (its integrations, its
    // notifications), which the start imports beside the sections but never reads, is not.
    expect(code.includes('expected a 12-digit AWS account id'), 'expected a 12-digit AWS account id').toBe(
      true,
    );
    expect(
      code.includes('expected a Secrets Manager secret ARN'),
      'expected a Secrets Manager secret ARN',
    ).toBe(false);
    expect(code.includes('expected an HTTP header name'), 'expected an HTTP header name').toBe(false);

    // Run in a process of its own, as Lambda runs the bundle: a bad slice is refused as before, naming
    // the field, before anything is read or written.
    const settings = watchTargetSettings(
      validateConfig({
        services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
        environments: { prod: {} },
      }),
    );
    const event = {
      input: { deploymentId: 'd-4EXAMPLE1', service: 'orders', environment: 'prod' },
      settings: { ...settings, environments: { prod: { ...settings.environments.prod, account: '$.x' } } },
      runId: 'd-4EXAMPLE1',
      startedAt: '2026-11-30T10:00:00.000Z',
    };
    const script = `require(${JSON.stringify(file)}).run(${JSON.stringify(event)}).then(() => process.stdout.write('accepted'), (e) => process.stdout.write(e.name + ': ' + e.message))`;
    const answer = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', NODE_OPTIONS: '' },
    });
    expect(answer).toBe(
      'InvalidInputError: Invalid watch settings: settings.environments.prod.account: expected a 12-digit AWS account id',
    );
  });
});
