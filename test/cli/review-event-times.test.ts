import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../lambdas/core/history/events';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { deployment } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A history file may give its times with an offset (`2026-10-01T03:00:00+05:00`, an ISO 8601 time
 * the file's check accepts). The review placed and ordered events by their text, as if every time
 * ended in Z: a deployment of the 30th of September (UTC) written in +05:00 was counted in the fourth
 * quarter, and one of the 1st of January written in -05:00 in the year before.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-event-times-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `event`, its times written in the zone `offset` (e.g. +05:00) instead of UTC. */
function inZone(event: HistoryEvent, offset: string): HistoryEvent {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(Date.parse(event.at) + minutes * 60_000).toISOString().slice(0, 19);
  return { ...event, at: `${local}${offset}` };
}

/** One deployment's events (gate, watch, decision) moved to `utc`, then written in `offset`. */
function deploymentAt(id: string, utc: string, offset: string): HistoryEvent[] {
  const shift = Date.parse(utc) - Date.parse(deployment({ id, day: 1, decision: 'PROCEED' })[0]?.at ?? '');
  return deployment({ id, day: 1, decision: 'PROCEED' }).map((e) =>
    inZone({ ...e, at: new Date(Date.parse(e.at) + shift).toISOString() }, offset),
  );
}

async function review(events: HistoryEvent[]): Promise<QuarterlyReview> {
  const file = path.join(dir, `history-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(events));
  const run = await runCliInProcess(['review', '--quarter', '2026Q4', '--events', file, '--format', 'json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as QuarterlyReview;
}

describe('review --events with times written with an offset', () => {
  it('places each event in the quarter of its instant, not of its text', async () => {
    const events = [
      // 30 September, 22:00 UTC: the third quarter, written as 1 October 03:00 +05:00.
      ...deploymentAt('september', '2026-09-30T22:00:00Z', '+05:00'),
      // 1 January 2027, 03:00 UTC: the next year, written as 31 December 22:00 -05:00.
      ...deploymentAt('january', '2027-01-01T03:00:00Z', '-05:00'),
      // 15 November: in the quarter, whatever its zone.
      ...deploymentAt('november', '2026-11-15T10:00:00Z', '+09:00'),
    ];

    const result = await review(events);

    expect(result.overall.deployments).toBe(1);
  });
});
