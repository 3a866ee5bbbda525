import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

/*
 * JSON keeps only the last of two equal keys: a configuration naming an environment or a service twice
 * would be judged by whichever came last, the other lost without a word. The CLI refuses it instead.
 */

describe('a configuration file with a key written twice', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-duplicates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('names the duplicated environment and both lines, and audits nothing (exit 2)', async () => {
    const file = write(
      'environments.json',
      [
        '{',
        '  "environments": {',
        '    "prod": { "account": "111122223333", "region": "eu-west-1" },',
        '    "prod": { "account": "444455556666", "region": "eu-west-1" }',
        '  }',
        '}',
      ].join('\n'),
    );

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Invalid Preflight configuration in ${file}:\n` +
        '  - environments.prod: written twice (lines 3 and 4); expected each key once in its object (JSON keeps only the last)\n',
    );
  });

  it('names duplicated services, nested keys and keys inside arrays, every one', async () => {
    const file = write(
      'services.json',
      JSON.stringify({ services: { a: {} } })
        .replace('"a":{}', '"a":{"resources":{"tags":{"team":"x","team":"y"}}},"a":{}')
        .replace(
          '{"services"',
          '{"gate":{"concurrency":2},"checklist":{"items":[{"id":"x","id":"y"}]},"services"',
        ),
    );

    const run = await runCli(['checklist', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('  - services.a.resources.tags.team: written twice (lines 1 and 1)');
    expect(run.stderr).toContain('  - services.a: written twice (lines 1 and 1)');
    expect(run.stderr).toContain('  - checklist.items.[0].id: written twice (lines 1 and 1)');
  });

  it('still accepts equal keys in different objects', async () => {
    const file = write(
      'distinct.json',
      JSON.stringify({
        environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
        gate: { signoffs: { roles: [] } },
        checks: { alarms: { enabled: true }, tracing: { enabled: true } },
      }),
    );

    const run = await runCli(['services', '--config', file]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('a configuration file that cannot be read as JSON', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-unreadable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'missing.json',
      undefined,
      /^ {2}- \(file\): got ".*missing\.json"; expected a readable JSON file \(ENOENT: /m,
    ],
    ['a-directory', 'dir', /^ {2}- \(file\): got ".*a-directory"; expected a readable JSON file \(EISDIR: /m],
    [
      'config.yaml',
      'gate:\n  concurrency: 4\n',
      /^ {2}- \(file\): not JSON \(Unexpected token .*\); expected a JSON object of configuration keys$/m,
    ],
    [
      'truncated.json',
      '{"gate": {',
      /^ {2}- \(file\): not JSON \(.*\); expected a JSON object of configuration keys$/m,
    ],
  ])('%s: says what is wrong and what is expected (exit 2)', async (name, content, line) => {
    const file = path.join(dir, name);
    if (content === 'dir') mkdirSync(file);
    else if (content !== undefined) writeFileSync(file, content);

    const run = await runCli(['checklist', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(line);
  });

  it('reads a file an editor saved with a byte order mark', async () => {
    const file = path.join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ gate: { concurrency: 2 } })}`);

    const run = await runCli(['services', '--config', file]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('a configuration file with control characters in a key', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-control-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows them escaped: one line per problem, no escape sequence reaches the terminal', async () => {
    const file = path.join(dir, 'escape.json');
    writeFileSync(file, JSON.stringify({ services: { 'a\u001b[2J\nb': {} } }));

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(run.stderr).toContain('services.a\\u001b[2J\\nb: got "a\\u001b[2J\\nb"');
  });
});

describe('a configuration file with a key named __proto__', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-proto-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused, naming where, rather than read as a configuration without that service', async () => {
    const file = path.join(dir, 'proto.json');
    writeFileSync(
      file,
      '{ "services": { "__proto__": { "resources": { "tags": { "app": "orders" } }, "environments": ["prod"] } },' +
        ' "environments": { "prod": { "account": "111122223333", "region": "eu-west-1" } } }',
    );

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Invalid Preflight configuration in ${file}:\n` +
        '  - services.__proto__: got "__proto__"; expected a name other than __proto__ (JavaScript reserves it: the entry would be dropped)\n',
    );
  });
});

describe('a configuration value of the wrong type', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-types-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ENVIRONMENTS = { prod: { account: '111122223333', region: 'eu-west-1' } };

  it.each([
    [
      {
        services: {
          a: {
            environments: ['prod'],
            resources: { tags: { k: 'v' } },
            checks: { tracing: { enabled: 'false' } },
          },
        },
      },
      '  - services.a.checks.tracing.enabled: got "false"; expected boolean',
    ],
    [{ checks: { tracing: { enabled: 0 } } }, '  - checks.tracing.enabled: got 0; expected boolean'],
    [
      { notifications: { emails: 'oncall@example.com' } },
      '  - notifications.emails: got "oncall@example.com"; expected array',
    ],
  ])('%j: names the key, the value as written, and the type expected (exit 2)', async (config, line) => {
    const file = path.join(dir, 'preflight.config.json');
    writeFileSync(file, JSON.stringify({ environments: ENVIRONMENTS, ...config }));

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toContain(line);
  });
});
