import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import type { HistoryEvent } from '../../lambdas/core/history/events';
import { gateHistory } from '../../lambdas/core/history/from-audit';
import { buildReport } from '../../lambdas/core/report/build';
import type { AuditReport } from '../../lambdas/core/report/model';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { SAMPLE_CONFIG } from '../../lambdas/sample/organization';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A mute's `since` is when it was granted: the quarterly review counts its age from there and flags
 * it past 90 days. A `since` in the future (a mistyped year, or one moved forward at each renewal)
 * made the age negative, shown as 0: the mute was never flagged as old. A mute granted after the day
 * it is judged (one day allowed for time zones) now mutes nothing and is reported, like one reaching
 * too far ahead; the review counts the age of a mute whose recorded `since` is after the gate that
 * recorded it (or no date at all) from the first gate it muted.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-mute-since-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-2c3d-4f5a-8b6c-7d8e9f0a1b22';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function audit(since: string): Promise<AuditReport> {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  const mute = {
    check: 'acm-certificates',
    resource: 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-*',
    reason: 'Replaced by the new certificate in CHG-1234.',
    until: day(60),
    since,
  };
  writeFileSync(file, JSON.stringify({ ...SAMPLE_CONFIG, mutes: [mute] }));
  const run = await runCliInProcess([
    ...['audit', '--sample', '--service', 'payments', '--env', 'prod'],
    ...['--format', 'json', '--exit-zero', '--config', file],
  ]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as AuditReport;
}

describe('preflight audit with a mute granted in the future', () => {
  it('mutes nothing and reports the mute as a WARN naming its since', async () => {
    const report = await audit(day(30));

    const cert = report.findings.filter((f) => f.checkId === 'acm-certificates' && f.resource === CERT);
    expect(cert.some((f) => f.status === 'FAIL')).toBe(true);
    expect(cert.some((f) => f.status === 'MUTED')).toBe(false);
    const stale = report.findings.find((f) => f.rule === 'mute-since-future');
    expect(stale).toMatchObject({ checkId: 'acm-certificates', status: 'WARN' });
    expect(stale?.message).toContain(`was granted on ${day(30)}, a day still to come`);
    expect(report.verdict).toBe('FAIL');
  });

  it.each([
    ['today', 0],
    ['tomorrow (a time zone ahead of UTC)', 1],
  ])('mutes as usual when since is %s', async (_, offset) => {
    const report = await audit(day(offset));

    const cert = report.findings.filter((f) => f.checkId === 'acm-certificates' && f.resource === CERT);
    expect(cert.some((f) => f.status === 'MUTED')).toBe(true);
    expect(report.findings.some((f) => f.rule === 'mute-since-future')).toBe(false);
  });
});

const DB = 'arn:aws:rds:eu-west-1:111122223333:cluster:payments-aurora';

/** What a gate on `at` recorded, its mute's `since` then written as `since` (as old history, or a hand, may). */
function gateRecorded(at: string, since: unknown): HistoryEvent[] {
  const now = new Date(at);
  const report = buildReport({
    checklist: SEED_CHECKLIST,
    results: [
      {
        checkId: 'database-backups',
        startedAt: at,
        durationMs: 1,
        findings: [
          { checkId: 'database-backups', rule: 'r', resource: DB, status: 'FAIL', message: 'broken' },
        ],
      },
    ],
    now,
    label: 'payments',
    warnBlocks: false,
    mutes: [
      {
        check: 'database-backups',
        resource: DB,
        reason: 'Restore test booked (OPS-77).',
        until: '2026-12-31',
      },
    ],
  });
  const facts = { runId: `run-${at}`, service: 'payments', environment: 'prod', deploymentId: `d-${at}` };
  return gateHistory(facts, report, []).map((event) =>
    event.kind === 'gate'
      ? ({ ...event, mutes: event.mutes?.map((m) => ({ ...m, since })) } as HistoryEvent)
      : event,
  );
}

async function review(events: HistoryEvent[]): Promise<QuarterlyReview> {
  const file = path.join(dir, `history-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(events));
  const run = await runCliInProcess(['review', '--quarter', '2026Q4', '--events', file, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as QuarterlyReview;
}

describe('preflight review of mutes recorded with a since it cannot believe', () => {
  it.each([
    ['after the gate that recorded it', '2027-06-01'],
    ['not a date', 'soon'],
  ])(
    'counts the age from the first gate it muted when since is %s, and flags it past 90 days',
    async (_, since) => {
      const events = [
        ...gateRecorded('2026-10-01T10:00:00Z', since),
        ...gateRecorded('2026-12-30T10:00:00Z', since),
      ];

      const result = await review(events);

      expect(result.mutes).toHaveLength(1);
      expect(result.mutes[0]).toMatchObject({ check: 'database-backups', daysLived: 90, gates: 2 });
      expect(result.mutes[0]?.since).toBeUndefined();
      expect(result.recommendations.join('\n')).toContain(
        `The mute of database-backups ${DB} has lived 90 days`,
      );
    },
  );

  it('counts from a since on or before the gate as before', async () => {
    const result = await review(gateRecorded('2026-10-01T10:00:00Z', '2026-06-01'));

    expect(result.mutes[0]).toMatchObject({ since: '2026-06-01', daysLived: 122 });
  });
});

describe('a mute dated on a month that does not exist', () => {
  it.each(['until', 'since'])(
    'is refused by its %s, naming the key, rather than stopping preflight (exit 2)',
    async (key) => {
      const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
      const mute = {
        check: 'acm-certificates',
        resource: CERT,
        reason: 'Replaced by the new certificate in CHG-1234.',
        until: day(30),
        [key]: '2026-13-01',
      };
      writeFileSync(file, JSON.stringify({ ...SAMPLE_CONFIG, mutes: [mute] }));

      const run = await runCliInProcess(['checklist', '--config', file]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `  - mutes.[0].${key}: got "2026-13-01"; expected a calendar date as YYYY-MM-DD (UTC), e.g. 2026-12-31`,
      );
    },
  );
});
