import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoHistoryStore } from '../../lambdas/aws/history-store';
import type { HistoryEvent } from '../../lambdas/core/history/events';
import { parseHistoryFile } from '../../lambdas/core/history/file';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { badQuarter, organizationQuarter } from '../core/review/fixtures';
import { synthPreflight } from '../harness/synth';
import { runCli } from '../support/cli';
import { runCliInProcess } from '../support/cli-in-process';
import { createTableFromTemplate, type LocalDynamo, startLocalDynamo } from '../support/local-dynamodb';

/*
 * `preflight history export` reads the history table (a real DynamoDB with the stack's schema, which
 * returns at most 1 MB per Query page, like the service) and writes the file `preflight review
 * --events` reads.
 */

const TABLE = 'preflight-history';
const DAY_MS = 86_400_000;
let dynamo: LocalDynamo;

/** The October 2026 fixtures, plus large watch events that take the quarter past one 1 MB page. */
const OCTOBER: HistoryEvent[] = [
  ...badQuarter(),
  ...organizationQuarter(),
  ...Array.from(
    { length: 8 },
    (_, i): HistoryEvent => ({
      id: `big-${i}#decided`,
      kind: 'watch-decided',
      at: new Date(Date.UTC(2026, 9, 20, 10, i)).toISOString(),
      service: 'search',
      environment: 'prod',
      deploymentId: `big-${i}`,
      runId: `big-${i}`,
      decision: 'PROCEED',
      outcomes: { latency: { readings: 'x'.repeat(200_000) } },
    }),
  ),
];
/** Three events of a service whose newest is 200 days old: an older quarter than the last one. */
const OLDER = (now: Date): HistoryEvent[] =>
  [0, 1, 2].map((i) => ({
    id: `old-${i}#gate`,
    kind: 'gate',
    at: new Date(now.getTime() - (200 + i) * DAY_MS).toISOString(),
    service: 'ledger',
    environment: 'prod',
    deploymentId: `old-${i}`,
    runId: `old-${i}`,
    verdict: 'PASS',
    items: { 'security.ssl-certificates': 'PASS' },
  }));

const byTime = (a: HistoryEvent, b: HistoryEvent) => a.at.localeCompare(b.at);
const dir = () => mkdtempSync(path.join(tmpdir(), 'preflight-export-'));

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await createTableFromTemplate(dynamo, synthPreflight({}).template, TABLE);
  const store = new DynamoHistoryStore(TABLE, dynamo.client);
  for (const event of [...OCTOBER, ...OLDER(new Date())]) await store.record(event);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
}, 60_000);
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  await dynamo?.stop();
});

describe('preflight history export', () => {
  it('writes every event of the quarter, every page read, as the file review --events reads', async () => {
    const file = path.join(dir(), 'history.json');

    const run = await runCli(
      ['history', 'export', '--quarter', '2026Q4', '--table', TABLE, '--output', file],
      {
        env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_REGION: 'eu-west-1' },
      },
    );

    expect(run.stderr).toContain(
      `exported ${OCTOBER.length} event(s) from 2026-10-01T00:00:00.000Z to 2027-01-01T00:00:00.000Z (table ${TABLE}) to ${file}.`,
    );
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    // More than a Query returns in one page: the last events are there only if every page was read.
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(parseHistoryFile(text, file)).toEqual([...OCTOBER].sort(byTime));
  });

  it('gives review --events the review the table gives', async () => {
    const file = path.join(dir(), 'history.json');
    await runCliInProcess(['history', 'export', '--quarter', '2026Q4', '--table', TABLE, '--output', file]);

    const review = async (source: string[]) => {
      const run = await runCliInProcess(['review', '--quarter', '2026Q4', '--format', 'json', ...source]);
      expect(run.code, run.stderr).toBe(0);
      const {
        generatedAt: _at,
        through: _through,
        byService,
        ...rest
      } = JSON.parse(run.stdout) as QuarterlyReview;
      // Events that name no account or region show the table's region; a file cannot know it.
      return { ...rest, byService: byService.map(({ regions: _regions, ...s }) => s) };
    };
    expect(await review(['--events', file])).toEqual(await review(['--table', TABLE]));
  });

  it('prints to stdout without --output, narrowed to one service, everything the table keeps', async () => {
    const run = await runCliInProcess(['history', 'export', '--table', TABLE, '--service', 'ledger']);

    expect(run.code, run.stderr).toBe(0);
    const exported = parseHistoryFile(run.stdout, 'stdout');
    expect(exported.map((e) => e.id)).toEqual(['old-2#gate', 'old-1#gate', 'old-0#gate']);
    expect(run.stderr).toMatch(/^exported 3 event\(s\) from .* \(table preflight-history\)\.\n$/);
  });

  it('signs with the credentials of --profile, and fails without them for a profile that does not exist', async () => {
    const home = dir();
    writeFileSync(path.join(home, 'config'), '[profile auditor]\nregion = eu-west-1\n');
    writeFileSync(
      path.join(home, 'credentials'),
      '[auditor]\naws_access_key_id = AKIAAUDITOR\naws_secret_access_key = auditor-secret\n',
    );
    const env = {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_CONFIG_FILE: path.join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_REGION: 'eu-west-1',
    };
    const args = ['history', 'export', '--quarter', '2026Q4', '--table', TABLE, '--service', 'payments'];

    const known = await runCli([...args, '--profile', 'auditor'], { env });
    const unknown = await runCli([...args, '--profile', 'nope'], { env });

    expect(known.code, known.stderr).toBe(0);
    expect(parseHistoryFile(known.stdout, 'stdout').length).toBeGreaterThan(0);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('AWS profile "nope" not found');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('never overwrites a file: exit 2, the file as it was', async () => {
    const file = path.join(dir(), 'history.json');
    writeFileSync(file, 'the only copy');

    const run = await runCliInProcess([
      'history',
      'export',
      '--quarter',
      '2026Q4',
      '--table',
      TABLE,
      '--output',
      file,
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} exists: name another --output, or remove it first.`);
    expect(readFileSync(file, 'utf8')).toBe('the only copy');
  });

  it.each([
    [['--quarter', '2026Q4', '--from', '2026-10-01'], '--quarter names the whole range'],
    [['--from', '2026-10-01', '--to', '2026-09-01'], '--from (2026-10-01T00:00:00.000Z) must be before --to'],
    [['--from', 'last tuesday'], 'expected an ISO 8601 date or time'],
    [['--quarter', '2026-4'], 'expected a quarter such as 2026Q4'],
  ])('refuses %j with exit 2, writing nothing', async (args, message) => {
    const file = path.join(dir(), 'history.json');
    const run = await runCliInProcess(['history', 'export', '--table', TABLE, '--output', file, ...args]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(file)).toBe(false);
  });

  it('needs a table, and says which output names it', async () => {
    const saved = process.env.PREFLIGHT_HISTORY_TABLE;
    delete process.env.PREFLIGHT_HISTORY_TABLE;
    const run = await runCliInProcess(['history', 'export']);
    if (saved !== undefined) process.env.PREFLIGHT_HISTORY_TABLE = saved;

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'no history table: pass --table (the stack output HistoryTableName) or set PREFLIGHT_HISTORY_TABLE.',
    );
  });
});

describe('preflight review without --quarter', () => {
  it('reviews the latest quarter with events, and says so, rather than an empty previous quarter', async () => {
    const run = await runCliInProcess([
      'review',
      '--table',
      TABLE,
      '--service',
      'ledger',
      '--format',
      'json',
    ]);

    const expected = (JSON.parse(run.stdout) as QuarterlyReview).quarter;
    const newest = OLDER(new Date())[0] as HistoryEvent;
    expect(expected).toBe(quarterOfTime(newest.at));
    expect(run.stderr).toBe(
      `reviewing ${expected}, the latest quarter with events in table ${TABLE} for service ledger (--quarter picks another).\n`,
    );
    expect((JSON.parse(run.stdout) as QuarterlyReview).events).toBeGreaterThan(0);
  });

  it('picks the latest quarter of a file, and says which', async () => {
    const file = path.join(dir(), 'history.json');
    writeFileSync(file, JSON.stringify(badQuarter()));

    const run = await runCliInProcess(['review', '--events', file, '--format', 'json']);

    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as QuarterlyReview).quarter).toBe('2026Q4');
    expect(run.stderr).toMatch(
      new RegExp(
        `^reviewing 2026Q4( \\(in progress\\))?, the latest quarter with events in ${file} \\(--quarter picks another\\)\\.\\n$`,
      ),
    );
  });

  it('says there are no events at all when there are none', async () => {
    const file = path.join(dir(), 'history.json');
    writeFileSync(file, '[]');

    const run = await runCliInProcess(['review', '--events', file, '--format', 'json']);

    expect(run.code).toBe(0);
    const quarter = (JSON.parse(run.stdout) as QuarterlyReview).quarter;
    expect(run.stderr).toBe(`no events in ${file}; reviewing ${quarter}, the previous quarter.\n`);
  });
});

function quarterOfTime(at: string): string {
  const date = new Date(at);
  return `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}
