import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../lambdas/core/config/schema';
import { REPO_ROOT, runCli } from '../support/cli';

/*
 * The configuration examples of the README and of every page under docs/ are copied as they stand:
 * each JSON block with a configuration key at its top must be a configuration the CLI accepts on its
 * own (a misspelt key beside them is then refused, not a reason to skip the block).
 */

const CONFIG_KEYS = new Set(Object.keys(ConfigSchema.shape));

function configurationBlocks(markdown: string): Array<{ line: number; text: string }> {
  const blocks: Array<{ line: number; text: string }> = [];
  for (const match of markdown.matchAll(/```json\n([\s\S]*?)```/g)) {
    let value: unknown;
    try {
      value = JSON.parse(match[1] ?? '');
    } catch {
      continue; // a fragment ("home": {...}), shown inside a larger file
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    if (!Object.keys(value).some((key) => CONFIG_KEYS.has(key))) continue; // an event, a policy, ...
    blocks.push({ line: markdown.slice(0, match.index).split('\n').length, text: match[1] ?? '' });
  }
  return blocks;
}

describe("the README's configuration examples", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const blocks = configurationBlocks(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));

  it('has the examples this test reads (services and environments, Security Hub, ...)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((b) => [b.line, b.text] as const))(
    'README.md line %i validates as it stands',
    async (line, text) => {
      const file = path.join(dir, `line-${line}.json`);
      writeFileSync(file, text);

      const run = await runCli(['services', '--config', file]);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    },
  );
});

describe("the docs pages' configuration examples", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pages = readdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((page) => page.endsWith('.md'))
    .sort();
  const blocks = pages.flatMap((page) =>
    configurationBlocks(readFileSync(path.join(REPO_ROOT, 'docs', page), 'utf8')).map((b) => ({
      page,
      ...b,
    })),
  );

  it('has the examples this test reads (watch, alarms, mutes, events, Security Hub)', () => {
    expect(new Set(blocks.map((b) => b.page))).toEqual(
      new Set(['checks/alarms.md', 'events.md', 'mutes.md', 'security-hub.md', 'watch.md']),
    );
    expect(blocks.filter((b) => b.page === 'watch.md').length).toBeGreaterThanOrEqual(5);
  });

  it.each(blocks.map((b) => [b.page, b.line, b.text] as const))(
    'docs/%s line %i validates as it stands',
    async (page, line, text) => {
      const file = path.join(dir, `${page.replace(/\W/g, '-')}-${line}.json`);
      writeFileSync(file, text);

      const run = await runCli(['services', '--config', file]);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    },
  );
});

describe("the README's quoted configuration error", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-readme-error-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what the CLI prints for that configuration, line for line', async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const quoted = /```\n(Invalid Preflight configuration in preflight\.config\.json:\n[\s\S]*?)```/.exec(
      readme,
    )?.[1];
    writeFileSync(
      path.join(dir, 'preflight.config.json'),
      JSON.stringify({
        checks: { 'acm-certificates': { failDays: 40 } },
        notifications: { phoneNumbers: ['07700 900123'] },
      }),
    );

    const run = await runCli(['checklist'], { cwd: dir });

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(quoted);
  });
});

describe("the README's checks table", () => {
  it('is one table that lists each check once', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## The checks\n'), readme.indexOf('\n### Permissions\n'));
    const headers = section.split('\n').filter((line) => line.startsWith('| check id'));
    const ids = [...section.matchAll(/^\| `([a-z0-9-]+)` /gm)].map((m) => m[1]);

    expect(headers).toHaveLength(1);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.length).toBeGreaterThan(20);
  });
});
