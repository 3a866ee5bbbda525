import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bareEnvironment, type CliRun, runCli, UNREACHABLE_AWS } from '../support/cli';

/*
 * A history table name DynamoDB could never accept (a space, a shell word, a stray quote) is refused
 * locally, naming it and what is expected, instead of being sent as a query. AWS is set up with
 * static credentials and the endpoint points at a closed local port, so a name that got through
 * would end on a failed dynamodb:Query.
 */

const home = mkdtempSync(path.join(tmpdir(), 'preflight-table-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function preflight(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, {
    cwd: home,
    cleanEnv: bareEnvironment(home, { ...UNREACHABLE_AWS, ...env }),
  });
}

describe('a history table name DynamoDB would refuse', () => {
  it.each([
    [['review', '--table', 'Preflight History']],
    [['review', '--table', 'ab']],
    [['history', 'export', '--table', '$(whoami)']],
    [['history', 'export', '--table', 'x'.repeat(256)]],
  ])('%j: refused in one line before any query (exit 2)', async (args) => {
    const run = await preflight(args);

    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^preflight: --table: got ".*"( \(\d+ characters\))?; expected a DynamoDB table name \(3-255 letters, digits, _ \. or -\) or table ARN, the stack output HistoryTableName\.\n$/,
    );
    expect(run.code).toBe(2);
  });

  it('names PREFLIGHT_HISTORY_TABLE when the name came from there', async () => {
    const run = await preflight(['history', 'export'], { PREFLIGHT_HISTORY_TABLE: 'my table' });

    expect(run.stderr).toMatch(
      /^preflight: PREFLIGHT_HISTORY_TABLE: got "my table"; expected a DynamoDB table name/,
    );
    expect(run.code).toBe(2);
  });

  it.each([
    'Preflight-HistoryTable1A2B3C-XYZ.v_2',
    'arn:aws:dynamodb:eu-west-1:123456789012:table/Preflight-HistoryTable1A2B3C',
  ])('lets %s through to the query', async (table) => {
    const run = await preflight(['history', 'export', '--table', table]);

    expect(run.stderr).toMatch(/dynamodb:Query/);
    expect(run.code).toBe(2);
  });
});

describe('history export --output that cannot be written', () => {
  it('refuses an existing file before reading the table: exit 2, the file as it was', async () => {
    const file = path.join(home, 'history.json');
    writeFileSync(file, 'the only copy');

    const run = await preflight(['history', 'export', '--table', 'preflight-history', '--output', file]);

    expect(run.stderr).toBe(`preflight: ${file} exists: name another --output, or remove it first.\n`);
    expect(run.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('the only copy');
  });

  it.each([
    ['a directory', 'a-directory', 'is a directory'],
    ['a missing directory', path.join('missing', 'history.json'), 'its directory does not exist'],
  ])('refuses %s before reading the table (exit 2)', async (_, name, reason) => {
    mkdirSync(path.join(home, 'a-directory'), { recursive: true });
    const file = path.join(home, name);

    const run = await preflight(['history', 'export', '--table', 'preflight-history', '--output', file]);

    expect(run.stderr).toBe(
      `preflight: --output ${file}: ${reason}; expected a new file in an existing directory.\n`,
    );
    expect(run.code).toBe(2);
  });
});

describe('history export on a machine with no AWS set up: the input is judged first', () => {
  /** No region, no credentials, no profile: the AWS set-up check would refuse, if it came first. */
  const bare = (args: readonly string[]) =>
    runCli(args, {
      cwd: home,
      cleanEnv: bareEnvironment(home),
    });

  it.each<[string, string[], RegExp]>([
    [
      'no table',
      ['history', 'export'],
      /^preflight: no history table: pass --table \(the stack output HistoryTableName\) or set PREFLIGHT_HISTORY_TABLE\.\n$/,
    ],
    [
      'a table name DynamoDB refuses',
      ['history', 'export', '--table', 'my table'],
      /^preflight: --table: got "my table"/,
    ],
    [
      'a table name DynamoDB refuses, to review',
      ['review', '--table', 'my table'],
      /^preflight: --table: got "my table"/,
    ],
    [
      'a day the month does not have',
      ['history', 'export', '--table', 'preflight-history', '--from', '2026-02-30'],
      /argument '2026-02-30' is invalid\. got "2026-02-30"; expected an ISO 8601 date/,
    ],
    [
      'a month the year does not have',
      ['history', 'export', '--table', 'preflight-history', '--to', '2026-13-01T00:00:00Z'],
      /argument '2026-13-01T00:00:00Z' is invalid/,
    ],
    [
      '--quarter with --from',
      ['history', 'export', '--table', 'preflight-history', '--quarter', '2026Q4', '--from', '2026-01-01'],
      /^preflight: --quarter names the whole range/,
    ],
    [
      'an --output that exists',
      ['history', 'export', '--table', 'preflight-history', '--output', home],
      /^preflight: --output .*: is a directory/,
    ],
  ])('%s: says so first, not that AWS is not set up (exit 2)', async (_case, args, message) => {
    const run = await bare(args);

    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/AWS region|AWS credentials/);
    expect(run.code).toBe(2);
  });

  it('with good input, then says what AWS set-up is missing', async () => {
    const run = await bare(['history', 'export', '--table', 'preflight-history']);

    expect(run.stderr).toMatch(/^preflight: no AWS region/);
    expect(run.code).toBe(2);
  });
});

describe('history export --from/--to: a time is read the same on every machine', () => {
  // A date alone is a UTC day; a time without a zone would be read in the machine's own time zone,
  // so the same command exported other events on a laptop in Kolkata than in CI (UTC).
  it.each([
    ['UTC', '--from', '2026-10-01T09:00:00'],
    ['Asia/Kolkata', '--from', '2026-10-01T09:00:00'],
    ['America/New_York', '--to', '2026-12-31 23:59'],
  ])('TZ=%s %s %s: refused, asking for the zone, before AWS is asked (exit 2)', async (tz, flag, value) => {
    const run = await preflight(['history', 'export', '--table', 'preflight-history', flag, value], {
      TZ: tz,
    });

    expect(run.stderr).toContain(
      `argument '${value}' is invalid. got "${value}"; a time needs its zone (Z or an offset such as +01:00): without one it would be read in this machine's time zone. A date alone (2026-10-01) is a UTC day.`,
    );
    expect(run.stderr).not.toMatch(/dynamodb:Query|AWS region/);
    expect(run.code).toBe(2);
  });

  it.each(['2026-10-01', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00+05:30', '2026-10-01 09:00Z'])(
    '%s: taken, the same in every time zone',
    async (value) => {
      const run = await preflight(['history', 'export', '--table', 'preflight-history', '--from', value], {
        TZ: 'Asia/Kolkata',
      });

      expect(run.stderr).toMatch(/dynamodb:Query/);
      expect(run.code).toBe(2);
    },
  );
});
