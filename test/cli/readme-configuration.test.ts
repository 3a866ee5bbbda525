import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../lambdas/core/config/schema';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';
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

/*
 * Every other JSON block is a fragment of a configuration, and says where it belongs with a marker on
 * the line before it: `<!-- config-fragment: checklist.items[] -->` (the block is one element of
 * that array), `<!-- config-fragment: services.orders-api -->` (the block's keys go in that object),
 * `<!-- config-fragment: top -->` (its keys are top-level keys). A block of keys alone
 * (`"home": {...}`) is read inside braces. The fragment, placed there in a small configuration that
 * has the environment `prod` and the service `orders-api`, must validate: a wrong example fails. IAM
 * policies and EventBridge events are not configuration and need no marker; any other unmarked
 * block fails, so no example escapes the check.
 */

const BASE = {
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: { 'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } } },
};

interface JsonBlock {
  readonly page: string;
  readonly line: number;
  readonly text: string;
  /** The marker's path, when the line before the block has one. */
  readonly at?: string;
}

function jsonBlocks(page: string, markdown: string): JsonBlock[] {
  return [
    ...markdown.matchAll(/(?:<!-- config-fragment: ([^\n]*?) -->\n[ \t]*)?```json\n([\s\S]*?)```/g),
  ].map((match) => ({
    page,
    line: markdown.slice(0, (match.index ?? 0) + match[0].indexOf('```json')).split('\n').length,
    text: match[2] ?? '',
    ...(match[1] === undefined ? {} : { at: match[1].trim() }),
  }));
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(`{${text}}`); // keys alone: "home": { ... }
  }
};
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isWholeConfiguration = (value: unknown) =>
  isObject(value) && Object.keys(value).some((key) => CONFIG_KEYS.has(key));
/** An IAM policy or statement, or an EventBridge event: JSON the docs show that is not configuration. */
const isOtherJson = (value: unknown) =>
  isObject(value) &&
  (('Version' in value && 'Statement' in value) || 'Effect' in value || 'detail-type' in value);

/** The base configuration with `fragment` placed at `at`. */
function placed(at: string, fragment: unknown): unknown {
  const config = structuredClone(BASE) as Record<string, unknown>;
  if (at === 'top') return { ...config, ...(fragment as object) };
  const keys = at.split('.');
  let node = config;
  for (const [index, key] of keys.entries()) {
    const last = index === keys.length - 1;
    if (last && key.endsWith('[]')) {
      node[key.slice(0, -2)] = [fragment];
    } else if (last) {
      node[key] = { ...((node[key] as object | undefined) ?? {}), ...(fragment as object) };
    } else {
      node[key] = { ...((node[key] as object | undefined) ?? {}) };
      node = node[key] as Record<string, unknown>;
    }
  }
  return config;
}

function problemsOf(config: unknown): string {
  try {
    validateConfig(config, 'the fragment in its place');
    return '';
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

describe('the configuration fragments of the README and the docs pages', () => {
  const pages = [
    'README.md',
    ...readdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((page) => page.endsWith('.md'))
      .map((page) => `docs/${page}`),
  ].sort();
  const blocks = pages.flatMap((page) => jsonBlocks(page, readFileSync(path.join(REPO_ROOT, page), 'utf8')));
  const fragments = blocks.filter((b) => b.at !== undefined);

  it('has the fragments this test reads (a custom item, home, environments, key metrics)', () => {
    expect(fragments.map((f) => `${f.page} ${f.at}`)).toEqual(
      expect.arrayContaining([
        'README.md checklist.items[]',
        'README.md top',
        'docs/checks/metrics-collection.md services.orders-api',
      ]),
    );
  });

  it.each(fragments.map((b) => [b.page, b.line, b.at, b.text] as const))(
    '%s line %i validates under %s',
    (_page, _line, at, text) => {
      expect(problemsOf(placed(at ?? '', parsed(text)))).toBe('');
    },
  );

  it('leaves no JSON block unchecked: each is a whole configuration, a marked fragment, a policy or an event', () => {
    const unchecked = blocks
      .filter((b) => b.at === undefined)
      .filter((b) => {
        let value: unknown;
        try {
          value = JSON.parse(b.text);
        } catch {
          return true;
        }
        return !isWholeConfiguration(value) && !isOtherJson(value);
      })
      .map((b) => `${b.page}:${b.line}`);
    expect(unchecked).toEqual([]);
  });

  it('fails a wrong fragment: the check is not one that cannot fail', () => {
    expect(problemsOf(placed('checklist.items[]', { id: 'x', section: 'nowhere' }))).toMatch(
      /checklist\.items/,
    );
    expect(problemsOf(placed('top', parsed('"home": { "acount": "111122223333" }')))).toMatch(/home/);
    expect(
      problemsOf(placed('services.orders-api', parsed('"keyMetrics": [{ "namespace": "AWS/ELB" }]'))),
    ).toMatch(/services\.orders-api\..*metricName/);
  });
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
