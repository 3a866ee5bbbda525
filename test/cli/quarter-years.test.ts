import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A quarter is four digits and Q1-Q4, and JavaScript dates read a year below 100 as 1900 plus it:
 * `--quarter 0026Q4` (a slip for 2026Q4) reviewed October to December 1926 under the label 0026Q4,
 * an empty review that looked like the quarter asked for. A quarter before 1970 holds no Preflight
 * history: it is refused.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-quarter-years-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const events = path.join(dir, 'history.json');
writeFileSync(events, '[]');

describe('--quarter before 1970', () => {
  it.each(['0026Q4', '0000Q1', '1969Q4'])('review --quarter %s is refused (exit 2)', async (quarter) => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      quarter,
      '--events',
      events,
      '--format',
      'json',
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `argument '${quarter}' is invalid. expected a quarter such as 2026Q4, from 1970Q1.`,
    );
  });

  it('history export --quarter 0026Q4 is refused before any AWS call (exit 2)', async () => {
    const run = await runCliInProcess(['history', 'export', '--quarter', '0026Q4', '--table', 'history']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "argument '0026Q4' is invalid. expected a quarter such as 2026Q4, from 1970Q1.",
    );
  });

  it('review --quarter 1970Q1 reviews 1970', async () => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      '1970Q1',
      '--events',
      events,
      '--format',
      'json',
    ]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ quarter: '1970Q1', from: '1970-01-01T00:00:00.000Z' });
  });
});
