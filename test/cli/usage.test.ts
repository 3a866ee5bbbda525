import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { runCli } from '../support/cli';

/* Bad usage gets a line or two and a pointer to the command's help, never the whole help. */

describe('preflight usage errors', () => {
  it.each([
    [['audit', '--bogus'], "error: unknown option '--bogus'", 'preflight audit'],
    [
      ['gate', '--service', 'orders'],
      "error: required option '--env <name>' not specified",
      'preflight gate',
    ],
    [
      ['watch', 'start', '--minutes', 'ten'],
      "error: option '--minutes <n>' argument 'ten' is invalid. expected a positive integer.",
      'preflight watch start',
    ],
    [
      ['audit', '--format', 'yaml'],
      "error: option '--format <format>' argument 'yaml' is invalid. expected one of text, json, markdown, sarif, junit.",
      'preflight audit',
    ],
    [['frobnicate'], "error: unknown command 'frobnicate'", 'preflight'],
  ])('%j: one line and where to read more (exit 2)', async (args, first, command) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${first}\nRun "${command} --help" for usage.\n`);
  });

  it('refuses a flag value the command checks itself in one line', async () => {
    const run = await runCli(['audit', '--sample', '--checks', 'alarm']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^preflight: --checks: unknown check id "alarm"; expected a comma-separated list of: .*alarms/,
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints the version with --version and -V', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runCli(['-V'])).stdout).toBe(`${version}\n`);
  });
});

describe('preflight configuration errors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-usage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every problem, one line each, and nothing else (exit 2)', async () => {
    const file = path.join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ notifcations: {}, gate: { concurrency: 0 } }));

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      `Invalid Preflight configuration in ${file}:`,
      '  - gate.concurrency: got 0; expected a number of checks at once from 1 to 20',
      '  - notifcations: unknown key (did you mean "notifications"?)',
      '',
    ]);
  });
});

describe('control characters in what the user typed', () => {
  it.each([
    [['audit', '--sample', '--service', 'pay\u001b[2Jments', '--env', 'prod'], 'pay\\u001b[2Jments'],
    [
      ['audit', '--sample', '--service', 'payments', '--env', 'prod\n\u001b[32mPASS'],
      'prod\\n\\u001b[32mPASS',
    ],
    [['audit', '--sample', '--region', 'eu\u001b]0;owned\u0007'], 'eu\\u001b]0;owned\\u0007'],
  ])('%j: shown escaped on one line, never sent to the terminal (exit 2)', async (args, shown) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).not.toContain('\u0007');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(shown);
  });

  it('escapes them in the argument commander refuses too, keeping its own lines', async () => {
    const run = await runCli(['audit', '--format', '\u001b[31mjson']);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toBe(
      "error: option '--format <format>' argument '\\u001b[31mjson' is invalid. expected one of text, json, markdown, sarif, junit.\nRun \"preflight audit --help\" for usage.\n",
    );
  });
});

describe('a "did you mean" ends the line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-suggest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'preflight.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
      services: { 'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } } },
    }),
  );

  it.each([
    [['audit', '--sample', '--service', 'paymnts', '--env', 'prod']],
    [['audit', '-c', file, '--service', 'orders-apii', '--env', 'prod']],
    [['gate', '-c', file, '--service', 'orders-apii', '--env', 'prod']],
    [['watch', 'start', '-c', file, '--service', 'orders-apii', '--env', 'prod', '--deployment-id', 'd-1']],
    [
      [
        'backtest',
        '-c',
        file,
        '--service',
        'orders-apii',
        '--env',
        'prod',
        '--metrics',
        dir,
        '--at',
        '2026-01-01T00:00:00Z',
      ],
    ],
  ])('%j: one question mark, no full stop after it (exit 2)', async (args) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/did you mean "(payments|orders-api)"\?\n$/);
  });
});

describe('every command’s help', () => {
  it.each([
    'checklist',
    'audit',
    'gate',
    'approve',
    'probe-tls',
    'watch start',
    'watch status',
    'watch abort',
    'backtest',
    'review',
    'history export',
    'services',
  ])('preflight %s --help shows no empty default ({} or [])', async (command) => {
    const run = await runCli([...command.split(' '), '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: preflight /);
    expect(run.stdout).not.toMatch(/\(default: (\{\}|\[\])\)/);
  });
});

describe('what the user typed is quoted as given', () => {
  it.each([
    // A bidi override would make the line read other than it is: shown escaped.
    [['audit', '--sample', '--service', 'pay\u202ements', '--env', 'prod'], 'pay\\u202ements'],
    [['audit', '--sample', '--checks', ' , '], '--checks: got " , ", no check id; expected'],
    [
      ['audit', '--sample', '--checks', 'tracing,tr\u2028acing'],
      '--checks: unknown check id "tr\\u2028acing"',
    ],
    [['review', '--table', ' '], '--table: got " "; expected a DynamoDB table name'],
    [['backtest', '--at', ' '], 'unreadable time " "; expected ISO 8601'],
    [
      ['gate', '--service', 'orders-api', '--env', 'prod', '--state-machine-arn', '\t'],
      '--state-machine-arn: got "\\t"; expected a Step Functions state machine ARN',
    ],
  ])('%j: exit 2, one line, the value as typed', async (args, shown) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/[\u202e\u2028]/);
    expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
    expect(run.stderr).toContain(shown);
  });
});

// Commander quotes the value it refused: a newline in it would start a line of the CI log, where
// `::error::` or `::stop-commands::` is a workflow command (GitHub Actions reads any line so).
describe('a value commander refuses, carrying a line of its own', () => {
  it.each([
    [
      [
        'gate',
        '--service',
        'orders',
        '--env',
        'prod',
        '--attest',
        'tests-passing=https://x\n::error::forged',
      ],
    ],
    [['review', '--quarter', '2026Q4\n::error::forged']],
    [['audit', '--sample', '--format', 'json\r\n::error::forged']],
    [['audit', '--sample', '--quiett\n::error::forged']],
  ])('%j: exit 2, the value escaped, no line of its own', async (args) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/^::/m);
    expect(run.stderr).toMatch(/\\n::error::forged/);
    expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(3);
  });
});

describe('names that JavaScript objects already hold', () => {
  it.each([
    [['audit', '--sample', '--service', 'constructor', '--env', 'prod'], 'unknown service "constructor"'],
    [['audit', '--sample', '--service', 'toString'], 'unknown service "toString"'],
    [['audit', '--sample', '--service', 'payments', '--env', 'hasOwnProperty'], '"hasOwnProperty"'],
  ])('%j: an unknown name, exit 2', async (args, shown) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(shown);
    expect(run.stderr).not.toMatch(/Cannot read|TypeError|undefined/);
  });
});
