import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoHistoryStore } from '../../lambdas/aws/history-store';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { ACCOUNT_A, ACCOUNT_B, badQuarter, deployment, organizationQuarter } from '../core/review/fixtures';
import { synthPreflight } from '../harness/synth';
import { runCli } from '../support/cli';
import { runCliInProcess } from '../support/cli-in-process';
import { createTableFromTemplate, type LocalDynamo, startLocalDynamo } from '../support/local-dynamodb';

/*
 * `preflight review` reads the history table (a real DynamoDB with the stack's schema, reached
 * through the SDK's own endpoint setting, AWS_ENDPOINT_URL_DYNAMODB) or an exported file.
 */

const TABLE = 'preflight-history';
let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  await createTableFromTemplate(dynamo, synthPreflight({}).template, TABLE);
  const store = new DynamoHistoryStore(TABLE, dynamo.client);
  for (const event of [...badQuarter(), ...organizationQuarter()]) await store.record(event);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  await dynamo?.stop();
});

/** A history file holding `events`, as `history export` writes one. */
const file = (events: unknown) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-review-'));
  const name = path.join(dir, 'events.json');
  writeFileSync(name, JSON.stringify(events));
  return name;
};

/** `preflight review --quarter 2026Q4 --events FILE --format FORMAT`, in process. */
const reviewOfFile = (events: string, format = 'json') =>
  runCliInProcess(['review', '--quarter', '2026Q4', '--events', events, '--format', format]);

const scopes = (review: QuarterlyReview) =>
  review.byService.map((s) => `${s.service} ${s.environment} ${s.accounts.join('+')} ${s.regions.join('+')}`);

describe('preflight review from the history table', () => {
  it('reviews every service of the quarter, showing the account and regions of each', async () => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--table',
      TABLE,
      '--format',
      'json',
    ]);

    expect(run.code).toBe(0);
    const review = JSON.parse(run.stdout) as QuarterlyReview;
    expect(review.overall).toMatchObject({ deployments: 15, changeFailureRate: 0.2 });
    // payments in prod ran in account B, and (in the older fixture) without naming an account.
    expect(scopes(review)).toEqual([
      "orders prod Preflight's account us-east-1",
      `orders-api prod ${ACCOUNT_A} eu-west-1+us-east-1`,
      `payments prod ${ACCOUNT_B}+Preflight's account eu-west-1+us-east-1`,
      "payments staging Preflight's account us-east-1",
    ]);
  });

  it.each([
    [
      ['--service', 'payments'],
      ['payments prod', 'payments staging'],
    ],
    [['--env', 'staging'], ['payments staging']],
    [['--service', 'orders-api', '--env', 'prod'], ['orders-api prod']],
    [
      ['--account', 'home'],
      ['orders prod', 'payments prod', 'payments staging'],
    ],
    [['--service', 'payments', '--account', ACCOUNT_B], ['payments prod']],
  ])('reviews only %j', async (args, expected) => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--table',
      TABLE,
      '--format',
      'json',
      ...args,
    ]);

    expect(run.code).toBe(0);
    const review = JSON.parse(run.stdout) as QuarterlyReview;
    expect(review.byService.map((s) => `${s.service} ${s.environment}`)).toEqual(expected);
  });

  it('runs as a user runs it: one account, printed as Markdown', async () => {
    const run = await runCli(
      ['review', '--quarter', '2026Q4', '--table', TABLE, '--account', ACCOUNT_A, '--format', 'markdown'],
      { env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_REGION: 'eu-west-1' } },
    );

    expect(run.stderr).not.toContain('preflight:');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`| orders-api prod | ${ACCOUNT_A} | eu-west-1, us-east-1 | 3 |`);
    expect(run.stdout).not.toContain('payments');
  });
});

describe('preflight review from a file', () => {
  it('reads history from a file, and prints markdown or text', async () => {
    const events = file(badQuarter());
    const markdown = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--events',
      events,
      '--format',
      'markdown',
    ]);
    const text = await runCliInProcess(['review', '--quarter', '2026Q4', '--events', events]);

    expect(markdown.stdout).toMatch(/^# Preflight checklist review 2026Q4/);
    expect(markdown.stdout).toContain("| orders prod | Preflight's account | Preflight's region | 9 |");
    expect(text.stdout).toMatch(/^Preflight checklist review 2026Q4/);
    expect(text.stdout).not.toContain('`');
  });

  it('never lists an item under "never failed" while telling it to block the gate', async () => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--events',
      file(badQuarter()),
      '--format',
      'markdown',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '- infrastructure.database-backups warned within 24 h before 2 rollback(s), and a warning does not block: make it block the gate (fail it, or set gate.warnBlocks).',
    );
    const neverFailed = run.stdout.split('\n').find((line) => line.startsWith('Never failed'));
    expect(neverFailed).toBe(
      'Never failed or warned (simplify or automate further): `application.tests-passing` (10 runs), `security.ssl-certificates` (10 runs).',
    );
  });

  it('leaves a lead time recorded negative (a commit after its deployment) out of the median, and says so', async () => {
    // Recorded before commit times were checked: committed at 20:00, deployed at 10:05 the same day.
    const events = file([
      ...badQuarter(),
      ...deployment({ id: 'd11', day: 20, decision: 'PROCEED', commitMinutesBefore: -600 }),
    ]);
    const review = (format: string) => reviewOfFile(events, format);

    const json = JSON.parse((await review('json')).stdout) as QuarterlyReview;
    // d1, d2 and d4: 65, 125 and 35 minutes from commit to the watch's start.
    expect(json.overall).toMatchObject({ medianLeadTimeMinutes: 65, skippedLeadTimes: 1 });
    expect((await review('markdown')).stdout).toContain(
      'Lead time leaves out 1 deployment(s) whose recorded commit time is after the deployment (a negative lead time is no measurement).',
    );
    expect((await review('html')).stdout).toContain(
      '1 deployment(s) whose recorded commit time is after the deployment',
    );
  });

  it('filters a file the way it filters the table', async () => {
    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--events',
      file(organizationQuarter()),
      '--account',
      ACCOUNT_B,
      '--format',
      'json',
    ]);
    expect(scopes(JSON.parse(run.stdout) as QuarterlyReview)).toEqual([
      `payments prod ${ACCOUNT_B} eu-west-1`,
    ]);
  });

  it.each([
    [['--quarter', '2026-4'], /expected a quarter such as 2026Q4/],
    [['--quarter', '2026Q4'], /no history table: pass --table \(the stack output HistoryTableName\)/],
    [['--account', '1234'], /--account.*expected a 12-digit AWS account id, or home/],
    [['--service', 'Orders API'], /--service.*expected a lower-case service name/],
    [['--env', 'Prod'], /--env.*expected a lower-case environment name/],
  ])('rejects %j with exit 2', async (args, message) => {
    const saved = process.env.PREFLIGHT_HISTORY_TABLE;
    delete process.env.PREFLIGHT_HISTORY_TABLE;
    const run = await runCliInProcess(['review', ...args]);
    if (saved !== undefined) process.env.PREFLIGHT_HISTORY_TABLE = saved;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it.each([
    [[{ kind: 'gate' }], 'event [0] needs at least kind, at and service'],
    [
      [{ kind: 'gate', at: '2026-10-01T00:00:00Z', service: 's', account: 1234 }],
      'event [0] has account 1234; expected a 12-digit AWS account id',
    ],
    [
      [{ kind: 'gate', at: '2026-10-01T00:00:00Z', service: 's', region: ['eu-west-1'] }],
      'event [0] has region ["eu-west-1"]; expected a region name',
    ],
    // A malformed event is refused, never dropped without a word; echoed names stay plain text.
    [
      [{ kind: 'deploy', at: '2026-10-01T00:00:00Z', service: 's', environment: 'prod' }],
      'event [0] has kind "deploy"; expected one of gate, signoff, watch-started, watch-decided, abort, rollback',
    ],
    [
      [{ kind: 'gate', at: 'yesterday', service: 's', environment: 'prod' }],
      'event [0] has at "yesterday"; expected an ISO 8601 time such as 2026-10-01T09:00:00Z',
    ],
    [
      [{ kind: 'gate', at: '2026-10-01T00:00:00Z', service: 's' }],
      "event [0] has environment nothing; expected the environment's name",
    ],
    [
      [{ kind: 'gate', at: '2026-10-01T00:00:00Z', service: 'orders\u202e', environment: 'prod' }],
      'event [0] has service "orders\\u202e"; expected the service\'s name as plain text',
    ],
  ])('names the bad event in a history file', async (events, message) => {
    const run = await runCliInProcess(['review', '--events', file(events)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('preflight review replays each trigger by the rule the watch applied', () => {
  const decided = (id: string, comparison: '>=' | '<=', threshold: number, readings: number[]) => ({
    kind: 'watch-decided',
    id: `${id}#watch-decided`,
    at: '2026-10-05T10:35:00.000Z',
    service: 'orders',
    environment: 'prod',
    deploymentId: id,
    runId: id,
    decision: 'ROLLBACK',
    outcomes: {
      custom: {
        status: 'BREACH',
        reason: '',
        threshold,
        comparison,
        window: { breaching: 3, of: 3 },
        critical: false,
        shadow: false,
        readings,
      },
    },
  });

  it.each([
    ['>=', 100, [100, 100, 100]],
    ['<=', 0.99, [0.99, 0.99, 0.99]],
  ] as const)(
    'counts a value exactly at a %s threshold as breaching, as the watch did',
    async (comparison, threshold, readings) => {
      const events = file([decided('d-1', comparison, threshold, [...readings])]);

      const run = await reviewOfFile(events);

      expect(run.code).toBe(0);
      const [sweep] = (JSON.parse(run.stdout) as QuarterlyReview).triggerSweeps;
      expect(sweep?.rows.find((row) => row.multiplier === 1)).toMatchObject({ caughtBad: 1, falseAlarms: 0 });
    },
  );

  it.each([
    ['a window of none of none', { window: { breaching: 0, of: 0 } }],
    ['an unknown comparison', { comparison: '=>' }],
    ['readings that are not numbers', { readings: ['100', '100', '100'] }],
  ])(
    'leaves out of the sweep a recorded trigger with %s, instead of replaying it wrongly',
    async (_, bad) => {
      const event = decided('d-1', '>=', 100, [1, 1, 1]);
      const outcome = { ...event.outcomes.custom, ...bad };
      const events = file([{ ...event, outcomes: { custom: outcome } }]);

      const run = await reviewOfFile(events);

      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as QuarterlyReview).triggerSweeps).toEqual([]);
    },
  );
});
