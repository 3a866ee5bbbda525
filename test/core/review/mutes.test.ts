import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { HistoryEvent } from '../../../lambdas/core/history/events';
import { gateHistory } from '../../../lambdas/core/history/from-audit';
import { buildReport } from '../../../lambdas/core/report/build';
import { renderReviewMarkdown } from '../../../lambdas/core/review/render';
import { buildQuarterlyReview } from '../../../lambdas/core/review/review';

/* The quarterly review lists the mutes the gates applied and how long each has lived. */

const DB = 'arn:aws:rds:eu-west-1:111122223333:cluster:payments-aurora';
const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f';

/** The history one gate leaves on `day` of October 2026, with the mutes of the configuration applied. */
function gateOn(day: number, since?: string): HistoryEvent[] {
  const now = new Date(Date.UTC(2026, 9, day, 10));
  const finding = (checkId: string, resource: string) => ({
    checkId,
    rule: 'r',
    resource,
    status: 'FAIL' as const,
    message: 'broken',
  });
  const report = buildReport({
    checklist: SEED_CHECKLIST,
    results: [
      {
        checkId: 'database-backups',
        startedAt: now.toISOString(),
        durationMs: 1,
        findings: [finding('database-backups', DB)],
      },
      {
        checkId: 'acm-certificates',
        startedAt: now.toISOString(),
        durationMs: 1,
        findings: [finding('acm-certificates', CERT)],
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
        ...(since ? { since } : {}),
      },
      {
        check: 'acm-certificates',
        resource: 'arn:aws:acm:eu-west-1:111122223333:certificate/*',
        reason: 'CHG-1234',
        until: '2026-10-20',
      },
    ],
  });
  const facts = { runId: `run-${day}`, service: 'payments', environment: 'prod', deploymentId: `d-${day}` };
  return gateHistory(facts, report, []);
}

describe('the quarterly review of mutes', () => {
  it('records on each gate the mutes it applied, with how many findings', () => {
    const [gate] = gateOn(2);
    expect(gate?.kind === 'gate' ? gate.mutes : undefined).toEqual([
      {
        check: 'database-backups',
        resource: DB,
        reason: 'Restore test booked (OPS-77).',
        until: '2026-12-31',
        findings: 1,
      },
      {
        check: 'acm-certificates',
        resource: 'arn:aws:acm:eu-west-1:111122223333:certificate/*',
        reason: 'CHG-1234',
        until: '2026-10-20',
        findings: 1,
      },
    ]);
    expect(gate?.kind === 'gate' ? gate.items['infrastructure.database-backups'] : undefined).toBe('MUTED');
  });

  it('lists each mute once with how long it has lived: from its first gate, or from since', () => {
    const events = [...gateOn(2), ...gateOn(12), ...gateOn(30)];
    const review = buildQuarterlyReview('2026Q4', events, new Date('2027-01-02T00:00:00Z'));
    expect(
      review.mutes.map((m) => [
        m.check,
        m.daysLived,
        m.gates,
        m.firstMuted.slice(0, 10),
        m.lastMuted.slice(0, 10),
      ]),
    ).toEqual([
      // 28 days from the first gate to the last; the certificate mute expired on the 20th.
      ['database-backups', 28, 3, '2026-10-02', '2026-10-30'],
      ['acm-certificates', 10, 2, '2026-10-02', '2026-10-12'],
    ]);
    const granted = buildQuarterlyReview(
      '2026Q4',
      gateOn(30, '2026-06-01'),
      new Date('2027-01-02T00:00:00Z'),
    );
    expect(granted.mutes[0]).toMatchObject({
      check: 'database-backups',
      since: '2026-06-01',
      daysLived: 151,
    });
    expect(granted.recommendations.join('\n')).toContain(
      `The mute of database-backups ${DB} has lived 151 days (Restore test booked (OPS-77).)`,
    );
    const markdown = renderReviewMarkdown(granted);
    expect(markdown).toContain('## Mutes');
    expect(markdown).toContain(
      `| \`database-backups\` | ${DB} | Restore test booked (OPS-77). | 2026-12-31 | 151 days (since 2026-06-01) | 1 |`,
    );
  });

  it('ignores a recorded mute it cannot rely on, and says when there were none', () => {
    const [gate] = gateOn(2);
    const bad = { ...gate, mutes: [{ check: 'x' }, 'y'] } as unknown as HistoryEvent;
    const review = buildQuarterlyReview('2026Q4', [bad], new Date('2027-01-02T00:00:00Z'));
    expect(review.mutes).toEqual([]);
    expect(renderReviewMarkdown(review)).toContain('No gate muted a finding this quarter.');
  });
});
