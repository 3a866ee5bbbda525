import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GateEvent, HistoryEvent } from '../../lambdas/core/history/events';
import { deployment } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * "Never failed or warned" named items without saying how often they ran: a check added in the last
 * week of the quarter (one gate run) read as the same proven item as one judged at every gate.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-never-failed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('review: items that never failed', () => {
  it('says how many gate runs judged each item that never failed or warned', async () => {
    const events: HistoryEvent[] = [1, 2, 3].flatMap((day) =>
      deployment({ id: `d${day}`, day, decision: 'PROCEED' }).map((e) =>
        // A check added for the last deployment only.
        e.kind === 'gate' && day === 3
          ? ({ ...e, items: { ...e.items, 'security.waf-rules': 'PASS' } } as GateEvent)
          : e,
      ),
    );
    const file = path.join(dir, 'history.json');
    writeFileSync(file, JSON.stringify(events));

    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--events',
      file,
      '--format',
      'markdown',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').find((line) => line.startsWith('Never failed'))).toBe(
      'Never failed or warned (simplify or automate further): `application.tests-passing` (3 runs), `infrastructure.database-backups` (3 runs), `security.ssl-certificates` (3 runs), `security.waf-rules` (1 run).',
    );
  });
});
