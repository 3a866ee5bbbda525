import { describe, expect, it } from 'vitest';
import { ANSI, colourEnabled, layoutFor, outputWidth } from '../../bin/cli/terminal';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import type { Finding } from '../../lambdas/core/findings';
import { buildReport } from '../../lambdas/core/report/build';
import { renderTargetsText } from '../../lambdas/core/report/render-targets';
import { renderText } from '../../lambdas/core/report/render-text';
import { visibleLength, wrap } from '../../lambdas/core/report/text-layout';
import { runCli } from '../support/cli';

/*
 * Text reports fit the terminal (or COLUMNS, or 100 columns when piped), show each finding's rule,
 * never open a line with a resource ARN, and are coloured on a terminal only (NO_COLOR, FORCE_COLOR).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: looks for the escape codes colour adds
const ESCAPE = /\u001b\[/;
const ARN = 'arn:aws:rds:eu-west-1:111122223333:cluster:payments-ledger-aurora-cluster-primary-2026';

const finding = (rule: string, status: Finding['status'], message: string): Finding => ({
  checkId: 'database-backups',
  rule,
  resource: ARN,
  status,
  message,
  remediation:
    'Grant backup:ListRecoveryPointsByResource and rds:DescribeDBClusterSnapshots to the role Preflight runs as, then audit again.',
  region: 'eu-west-1',
});

const report = buildReport({
  checklist: SEED_CHECKLIST,
  results: [
    {
      checkId: 'database-backups',
      startedAt: '2026-11-26T10:00:00.000Z',
      durationMs: 1,
      findings: [
        finding(
          'recovery-points',
          'ERROR',
          'Could not evaluate: backup:ListRecoveryPointsByResource was denied.',
        ),
        finding('snapshots', 'ERROR', 'Could not evaluate: rds:DescribeDBClusterSnapshots was denied.'),
      ],
    },
  ],
  now: new Date('2026-11-26T10:00:00Z'),
  label: 'AWS account 111122223333 (eu-west-1)',
  warnBlocks: false,
});

describe('where the output goes', () => {
  it.each([
    [{ isTTY: true, columns: 132 }, {}, 132],
    [{ isTTY: true, columns: 132 }, { COLUMNS: '72' }, 72],
    [{ isTTY: false }, {}, 100],
    [{ isTTY: false }, { COLUMNS: 'wide' }, 100],
    [{ isTTY: true, columns: 20 }, {}, 40],
  ])('is %j with %j: %i columns', (stream, env, width) => {
    expect(outputWidth(stream, env)).toBe(width);
  });

  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { NO_COLOR: '' }, true],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: false }, {}, false],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: true }, { FORCE_COLOR: '0' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ])('%j with %j is coloured: %s', (stream, env, coloured) => {
    expect(colourEnabled(stream, env)).toBe(coloured);
  });
});

describe('a text report', () => {
  it.each([60, 80, 100])('fits %i columns, in colour or not, and loses no word', (width) => {
    const plain = renderText(report, { width });
    const coloured = renderText(report, { width, style: ANSI });

    for (const text of [plain, coloured]) {
      for (const line of text.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(width);
    }
    expect(plain).not.toMatch(ESCAPE);
    expect(coloured).toMatch(ESCAPE);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the escape codes colour adds
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
    const words = (text: string) => text.split(/\s+/).join('');
    expect(words(plain)).toBe(words(renderText(report)));
  });

  it('tells two ERROR findings on one resource apart by their rule, with the resource after them', () => {
    const text = renderText(report, { width: 200 });

    expect(text).toContain('ERROR database-backups/recovery-points [eu-west-1]: Could not evaluate');
    expect(text).toContain('ERROR database-backups/snapshots [eu-west-1]: Could not evaluate');
    for (const line of text.split('\n')) expect(line.trimStart().startsWith('arn:')).toBe(false);
    expect(text).toContain(`on ${ARN}`);
  });

  it('wraps several services the same way', () => {
    const text = renderTargetsText([report, report], { width: 60 });

    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(text).toContain('database-backups/snapshots');
  });
});

describe('wrap', () => {
  it('cuts a word longer than a line at a separator, never past the width', () => {
    expect(
      wrap('  on ', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/payments/key', 40, 5),
    ).toEqual([
      '  on arn:aws:secretsmanager:eu-west-1:',
      '     111122223333:secret:prod/payments/',
      '     key',
    ]);
  });
});

describe('preflight audit in a terminal and in a pipe', () => {
  const audit = ['audit', '--sample', '--quiet', '--exit-zero', '--service', 'payments', '--env', 'prod'];

  it('wraps to COLUMNS and has no colour when piped', async () => {
    const run = await runCli(audit, { env: { COLUMNS: '64' } });

    expect(run.stdout).not.toMatch(ESCAPE);
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(64);
  });

  it('wraps to 100 columns by default when piped', async () => {
    const run = await runCli(audit, { env: { COLUMNS: undefined } });

    const longest = Math.max(...run.stdout.split('\n').map((l) => l.length));
    expect(longest).toBeLessThanOrEqual(100);
    expect(longest).toBeGreaterThan(80);
  });

  it('colours with FORCE_COLOR, and not with NO_COLOR alone', async () => {
    const forced = await runCli(audit, { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    const plain = await runCli(audit, { env: { NO_COLOR: '1', FORCE_COLOR: undefined } });

    expect(forced.stdout).toMatch(ESCAPE);
    expect(plain.stdout).not.toMatch(ESCAPE);
  });

  it('lays out a report for a terminal of the width it reports', () => {
    expect(layoutFor({ isTTY: true, columns: 90 }, {})).toEqual({ width: 90, style: ANSI });
    expect(layoutFor({ isTTY: false }, {})).toEqual({ width: 100 });
  });
});
