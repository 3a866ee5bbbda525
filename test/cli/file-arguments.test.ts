import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * Files a user names are read whole and parsed: a device, a huge file or JSON nested far deeper than
 * any configuration or history export gets a clear refusal (exit 2) naming the file and the bound,
 * without reading past the bound or overflowing the stack.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-file-arguments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('--config', () => {
  it('refuses a device that never ends (/dev/zero) at 4 MiB, without reading it whole', async () => {
    const run = await runCliInProcess(['services', '--config', '/dev/zero']);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'Invalid Preflight configuration in /dev/zero:\n' +
        '  - (file): it holds more than 4 MiB; expected a JSON configuration of at most 4 MiB\n',
    );
  });

  it('refuses a file over 4 MiB, naming the bound', async () => {
    const file = write('huge.json', `{"timezone":"${'A'.repeat(5 * 1024 * 1024)}"}`);

    const run = await runCliInProcess(['checklist', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '(file): it holds more than 4 MiB; expected a JSON configuration of at most 4 MiB',
    );
    expect(run.stderr.length).toBeLessThan(500);
  });

  it('refuses JSON nested 100,000 levels deep, naming the line, instead of overflowing the stack', async () => {
    const file = write('deep.json', nested(100_000));

    const run = await runCliInProcess(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `Invalid Preflight configuration in ${file}:\n` +
        "  - (file): objects and arrays nested more than 64 levels deep (line 1); expected at most 64 levels, as the configuration's keys need\n",
    );
  });

  it('names 40,000 keys written twice in one pass, not one pass per key', async () => {
    // Each duplicate's line was found by counting lines from the start: quadratic, a minute here.
    const file = write(
      'duplicates.json',
      `{${Array.from({ length: 40_000 }, () => '"timezone":"UTC"').join(',\n')}}`,
    );
    const started = Date.now();

    const run = await runCliInProcess(['services', '--config', file]);

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('  - timezone: written twice (lines 1 and 40000); expected each key once');
  }, 120_000);

  it('says a directory is not a file', async () => {
    const folder = path.join(dir, 'a-directory');
    mkdirSync(folder);

    const run = await runCliInProcess(['services', '--config', folder]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\(file\): got ".*a-directory"; expected a readable JSON file \(EISDIR/);
  });
});

describe('review --events', () => {
  const review = (file: string) => runCliInProcess(['review', '--quarter', '2026Q4', '--events', file]);

  it('refuses a device that never ends (/dev/zero) at 128 MiB, saying how to make the file smaller', async () => {
    const run = await review('/dev/zero');

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /\/dev\/zero: could not read it \(it holds more than 128 MiB; expected a history export of at most 128 MiB \(export a shorter range or one service\)\)/,
    );
  });

  it('refuses JSON nested 100,000 levels deep, naming the line, instead of overflowing the stack', async () => {
    const file = write('deep-events.json', `[${nested(100_000)}]`);

    const run = await review(file);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/deep-events\.json: line 1 nests objects and arrays more than 64 levels deep/);
    expect(run.stderr).not.toMatch(/call stack/);
  });
});
