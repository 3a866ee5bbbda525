import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GateEvent, HistoryEvent } from '../../lambdas/core/history/events';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { badQuarter, deployment } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * The same event recorded twice: a redriven gate execution writes its gate event again (the same id,
 * a later time), a watch's recording step retried after a timeout writes its decision again, and
 * two exports of overlapping ranges joined into one file repeat every event of the overlap. Each
 * copy was counted: a deployment twice in the DORA figures, an item's one failure as two.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-recorded-twice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function review(events: readonly HistoryEvent[]): Promise<QuarterlyReview> {
  const file = path.join(dir, `history-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(events));
  const run = await runCliInProcess(['review', '--quarter', '2026Q4', '--events', file, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as QuarterlyReview;
}

const later = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

describe('review --events with events recorded more than once', () => {
  it('counts an export repeated in the file (overlapping exports joined) once', async () => {
    const once = await review(badQuarter());
    const twice = await review([...badQuarter(), ...badQuarter()]);

    expect(twice.events).toBe(badQuarter().length);
    expect(twice.overall).toEqual(once.overall);
    expect(twice.effectiveness).toEqual(once.effectiveness);
    expect(twice.weekly).toEqual(once.weekly);
  });

  it('counts a redriven gate once, judged by its last recording', async () => {
    const events = deployment({ id: 'redriven', day: 3, decision: 'PROCEED' });
    const gate = events.find((e): e is GateEvent => e.kind === 'gate') as GateEvent;
    // The first attempt recorded the backups item as an ERROR (its check timed out); the redrive
    // ran the report again two minutes later and recorded the gate's final result.
    const firstAttempt: GateEvent = {
      ...gate,
      at: later(gate.at, -2),
      verdict: 'ERROR',
      items: { ...gate.items, 'infrastructure.database-backups': 'ERROR' },
    };

    const result = await review([firstAttempt, ...events]);

    const backups = result.effectiveness.items.find((i) => i.itemId === 'infrastructure.database-backups');
    expect(backups).toMatchObject({ evaluated: 1, errored: 0 });
    expect(result.effectiveness.items.every((i) => i.evaluated === 1)).toBe(true);
    expect(result.overall.deployments).toBe(1);
  });

  it('counts a rollback decision recorded twice as one failure and one trigger firing', async () => {
    const events = deployment({
      id: 'bad',
      day: 4,
      decision: 'ROLLBACK',
      trigger: 'error-rate',
      incidents: 1,
    });
    const decided = events.find((e) => e.kind === 'watch-decided') as HistoryEvent;
    const rollback = events.find((e) => e.kind === 'rollback') as HistoryEvent;
    const good = deployment({ id: 'good', day: 5, decision: 'PROCEED' });

    const result = await review([
      ...events,
      { ...decided, at: later(decided.at, 1) },
      { ...rollback, at: later(rollback.at, 1) },
      ...good,
    ]);

    expect(result.overall).toMatchObject({ deployments: 2, failures: 1, changeFailureRate: 0.5 });
    expect(result.effectiveness.triggersFired).toEqual({ 'error-rate': 1 });
  });

  it('keeps events of different deployments that happen to share an id', async () => {
    const a = deployment({ id: 'same', day: 6, decision: 'PROCEED', service: 'orders' });
    const b = deployment({ id: 'same', day: 6, decision: 'PROCEED', service: 'payments' });

    const result = await review([...a, ...b]);

    expect(result.overall.deployments).toBe(2);
    expect(result.events).toBe(a.length + b.length);
  });
});
