import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../lambdas/core/history/events';
import { deployment } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A history file (or table item) is input like any other: `history export` writes it, but a hand or a
 * script may edit it. Its events were checked for kind, time and names only, so a gate whose `items`
 * were null stopped the whole review with a TypeError, a rollback whose `completedAt` was not a time
 * (or before the rollback) made the time to restore "NaN h" or negative, and a trigger that was not
 * a name printed "[object Object]". Each is refused, naming the event, the field and what is expected.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-review-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** gate [0], watch-started [1], watch-decided [2], rollback [3]. */
const EVENTS = deployment({ id: 'd1', day: 1, decision: 'ROLLBACK', trigger: 'error-rate', incidents: 1 });

async function review(events: unknown[]) {
  const file = path.join(dir, `history-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(events));
  return { file, run: await runCliInProcess(['review', '--quarter', '2026Q4', '--events', file]) };
}

const withField = (index: number, field: string, value: unknown) =>
  EVENTS.map((event, i) => (i === index ? { ...event, [field]: value } : event));
const without = (index: number, field: string) =>
  EVENTS.map((event, i) => {
    if (i !== index) return event;
    const { [field as keyof HistoryEvent]: _, ...rest } = event;
    return rest;
  });

describe('preflight review --events with an event field it cannot rely on', () => {
  it.each([
    [
      'a gate without items',
      without(0, 'items'),
      'event [0] has items nothing; expected the status of each item judged',
    ],
    [
      'a gate with items null',
      withField(0, 'items', null),
      'event [0] has items null; expected the status of each item judged',
    ],
    [
      'a gate with an item status that is not text',
      withField(0, 'items', { 'security.ssl-certificates': { status: 'PASS' } }),
      'event [0] has items {"security.ssl-certificates":{"status":"PASS"}}; expected the status of each item judged',
    ],
    [
      'a commit time that is not a time',
      withField(0, 'commitAt', 'yesterday'),
      'event [0] has commitAt "yesterday"; expected an ISO 8601 time such as 2026-10-01T09:00:00Z',
    ],
    [
      'a trigger that is not a name',
      withField(2, 'trigger', { id: 'error-rate' }),
      'event [2] has trigger {"id":"error-rate"}; expected the id of the trigger that decided',
    ],
    [
      'a rollback completed at no time',
      withField(3, 'completedAt', 'soon'),
      'event [3] has completedAt "soon"; expected an ISO 8601 time such as 2026-10-01T09:00:00Z',
    ],
    [
      'a rollback completed before it ran',
      withField(3, 'completedAt', '2000-01-01T00:00:00Z'),
      'event [3] has completedAt "2000-01-01T00:00:00Z"; expected a time no earlier than its at (2026-10-01T10:40:00.000Z)',
    ],
    [
      'a rollback succeeded as text',
      withField(3, 'succeeded', 'false'),
      'event [3] has succeeded "false"; expected true or false',
    ],
  ])('%s: refused, naming the event and the field (exit 2)', async (_, events, message) => {
    const { file, run } = await review(events);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}: ${message}`);
    expect(run.stderr).not.toMatch(/TypeError|Cannot convert/);
  });

  it('reads the events as written when every field is sound', async () => {
    const { run } = await review(EVENTS);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
