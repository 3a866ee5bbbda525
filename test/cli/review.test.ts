import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { badQuarter } from '../core/review/fixtures';
import { runCliInProcess } from '../support/cli-in-process';

const dynamodb = mockClient(DynamoDBClient);

describe('preflight review', () => {
  beforeEach(() => {
    dynamodb.reset();
    dynamodb
      .on(QueryCommand)
      .resolves({ Items: badQuarter().map((e) => ({ event: { S: JSON.stringify(e) } })) });
  });

  it('builds the same review from the history table, on demand', async () => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--table',
      'history',
      '--format',
      'json',
    ]);

    expect(run.code).toBe(0);
    const review = JSON.parse(run.stdout) as QuarterlyReview;
    expect(review.overall).toMatchObject({ deployments: 10, changeFailureRate: 0.2 });
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'history',
      IndexName: 'byQuarter',
    });
  });

  it('reads history from a file, and prints markdown or text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-review-'));
    const file = path.join(dir, 'events.json');
    writeFileSync(file, JSON.stringify(badQuarter()));

    const markdown = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--events',
      file,
      '--format',
      'markdown',
    ]);
    const text = await runCliInProcess(['review', '--quarter', '2026Q4', '--events', file]);

    expect(markdown.stdout).toMatch(/^# Preflight checklist review 2026Q4/);
    expect(text.stdout).toMatch(/^Preflight checklist review 2026Q4/);
    expect(text.stdout).not.toContain('`');
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it.each([
    [['--quarter', '2026-4'], /expected a quarter such as 2026Q4/],
    [['--quarter', '2026Q4'], /no history: pass --table/],
  ])('rejects %j with exit 2', async (args, message) => {
    const saved = process.env.PREFLIGHT_HISTORY_TABLE;
    delete process.env.PREFLIGHT_HISTORY_TABLE;
    const run = await runCliInProcess(['review', ...args]);
    if (saved !== undefined) process.env.PREFLIGHT_HISTORY_TABLE = saved;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('names the bad event in a history file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-review-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ kind: 'gate' }]));
    const run = await runCliInProcess(['review', '--events', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('event [0] needs at least kind, at and service');
  });
});
