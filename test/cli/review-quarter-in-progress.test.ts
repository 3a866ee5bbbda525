import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { badQuarter } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * The review of the quarter still under way (`preflight review` in November for the fourth
 * quarter) divided the deployments so far by the whole quarter's 92 days, halving the deployments
 * per week half-way through, and listed the weeks still to come as weeks without deployments.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-in-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
});

async function reviewAt(now: string): Promise<{ review: QuarterlyReview; markdown: string }> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(now));
  const file = path.join(dir, `history-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(badQuarter()));
  const json = await runCliInProcess(['review', '--quarter', '2026Q4', '--events', file, '--format', 'json']);
  const markdown = await runCliInProcess([
    'review',
    '--quarter',
    '2026Q4',
    '--events',
    file,
    '--format',
    'markdown',
  ]);
  expect(json.code).toBe(0);
  return { review: JSON.parse(json.stdout) as QuarterlyReview, markdown: markdown.stdout };
}

describe('review of the quarter in progress', () => {
  it('counts per week over the days gone by, and lists only the weeks begun', async () => {
    // 10 deployments in October; on 15 November at noon 45.5 days of the quarter have gone by.
    const { review, markdown } = await reviewAt('2026-11-15T12:00:00Z');

    expect(review.overall.deployments).toBe(10);
    expect(review.overall.perWeek).toBe(1.54);
    expect(review.weekly.map((w) => w.from)).toEqual([
      '2026-10-01',
      '2026-10-08',
      '2026-10-15',
      '2026-10-22',
      '2026-10-29',
      '2026-11-05',
      '2026-11-12',
    ]);
    expect(review.through).toBe('2026-11-15T12:00:00.000Z');
    expect(markdown).toContain('2026-10-01 to 2026-11-15 so far (the quarter ends 2027-01-01)');
  });

  it('counts over the whole quarter once it has ended', async () => {
    const { review, markdown } = await reviewAt('2027-01-04T09:00:00Z');

    expect(review.overall.perWeek).toBe(0.76);
    expect(review.weekly).toHaveLength(14);
    expect(review.through).toBe(review.to);
    expect(markdown).toContain('2026-10-01 to 2027-01-01 (exclusive)');
  });
});
