import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoHistoryStore, HistoryEventError } from '../../lambdas/aws/history-store';
import { AwsCallError } from '../../lambdas/core/errors';
import { type HistoryEvent, quarterRange } from '../../lambdas/core/history/events';
import { HOME_ACCOUNT } from '../../lambdas/core/history/filter';
import { ACCOUNT_A, ACCOUNT_B, organizationQuarter } from '../core/review/fixtures';
import { synthPreflight } from '../harness/synth';
import { createTableFromTemplate, type LocalDynamo, startLocalDynamo } from '../support/local-dynamodb';

/*
 * The history table's schema and every query, against a real DynamoDB implementation: the table is
 * created from the synthesized template's own properties, and the store reads and writes it through
 * the real SDK client.
 */

const { from, to } = quarterRange('2026Q4');
const EVENTS = organizationQuarter();
const ids = (events: readonly HistoryEvent[]) => events.map((e) => e.id);
const idsWhere = (match: (e: HistoryEvent) => boolean) => ids(EVENTS.filter(match).sort(byTime));
const byTime = (a: HistoryEvent, b: HistoryEvent) => a.at.localeCompare(b.at);

let dynamo: LocalDynamo;
let queries = 0;

/** A store reading two items per page, so every query below crosses several pages. */
const store = (table = 'preflight-history') => new DynamoHistoryStore(table, dynamo.client, { pageSize: 2 });

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === QueryCommand.name) queries += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countQueries' },
  );
  await createTableFromTemplate(dynamo, synthPreflight({}).template, 'preflight-history');
  for (const event of EVENTS) await store().record(event);
});
afterAll(async () => dynamo?.stop());

/** Runs `read` and says how many Query pages it took. */
async function counted<T>(read: () => Promise<T>): Promise<{ result: T; pages: number }> {
  const before = queries;
  const result = await read();
  return { result, pages: queries - before };
}

describe('the history table, as synthesized', () => {
  it('has the deployment stream as its key and one index per query', async () => {
    const properties = await createTableFromTemplate(dynamo, synthPreflight({}).template, 'schema-check');
    expect(properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(properties.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual(
      ['byQuarter:quarter', 'byService:service', 'byEnvironment:environment', 'byAccount:account'].map(
        (s) => {
          const [name, key] = s.split(':');
          return [
            name,
            [
              { AttributeName: key, KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
          ];
        },
      ),
    );
  });
});

describe('history queries, each one partition read to its last page', () => {
  it.each([
    [
      'a service in every environment',
      { service: 'payments' },
      (e: HistoryEvent) => e.service === 'payments',
    ],
    ['an environment, every service', { environment: 'prod' }, (e: HistoryEvent) => e.environment === 'prod'],
    ['an account', { account: ACCOUNT_A }, (e: HistoryEvent) => e.account === ACCOUNT_A],
    ['another account', { account: ACCOUNT_B }, (e: HistoryEvent) => e.account === ACCOUNT_B],
    [
      'the account Preflight runs in (events that name none)',
      { account: HOME_ACCOUNT },
      (e: HistoryEvent) => e.account === undefined,
    ],
    [
      'a service in one environment (its deployment stream)',
      { service: 'orders-api', environment: 'prod' },
      (e: HistoryEvent) => e.service === 'orders-api' && e.environment === 'prod',
    ],
    [
      'a service in one account',
      { service: 'payments', account: ACCOUNT_B },
      (e: HistoryEvent) => e.service === 'payments' && e.account === ACCOUNT_B,
    ],
    ['everything (the quarter)', {}, () => true],
  ])('%s', async (_name, filter, match) => {
    const { result, pages } = await counted(() => store().query(filter, from, to));

    expect(ids(result)).toEqual(idsWhere(match));
    expect(result.length).toBeGreaterThan(0);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(result.length / 2));
  });

  it('reads the quarter through byQuarter for the review, every page', async () => {
    const { result, pages } = await counted(() => store().between(from, to));
    expect(ids(result)).toEqual(ids([...EVENTS].sort(byTime)));
    expect(pages).toBeGreaterThanOrEqual(EVENTS.length / 2);
  });

  it('keeps to [from, to): an event at `to` is not in, one at `from` is', async () => {
    const t = new Date('2026-10-02T10:05:00.000Z');
    const inRange = await store().query({ service: 'orders-api' }, t, new Date('2026-10-02T10:35:00.000Z'));
    expect(inRange.map((e) => e.at)).toEqual(['2026-10-02T10:05:00.000Z', '2026-10-02T10:05:00.000Z']);
  });

  it('reads across quarters', async () => {
    const january = {
      ...(EVENTS[0] as HistoryEvent),
      id: 'o9#gate',
      at: '2027-01-05T09:00:00.000Z',
    } as HistoryEvent;
    await store().record(january);
    const twoQuarters = await store().between(from, quarterRange('2027Q1').to);
    const byService = await store().query({ service: 'orders-api' }, from, quarterRange('2027Q1').to);
    expect(twoQuarters.at(-1)?.id).toBe('o9#gate');
    expect(byService.at(-1)?.id).toBe('o9#gate');
    expect(ids(await store().query({ service: 'orders-api' }, from, to))).not.toContain('o9#gate');
  });
});

describe('the newest event, for the review to pick its quarter', () => {
  const newest = (match: (e: HistoryEvent) => boolean) => EVENTS.filter(match).sort(byTime).at(-1)?.id;

  it('is the newest of everything, read newest first from the last quarter', async () => {
    const { result } = await counted(() => store().latest({}, from, to));
    expect(result?.id).toBe(newest(() => true));
  });

  it('reads past newer events the filter does not match, page by page', async () => {
    // payments' newest events are in staging; the newest in account B is two pages further.
    const { result, pages } = await counted(() =>
      store().latest({ service: 'payments', account: ACCOUNT_B }, from, to),
    );
    expect(result?.id).toBe(newest((e) => e.service === 'payments' && e.account === ACCOUNT_B));
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('finds nothing in a range without events', async () => {
    const q3 = quarterRange('2026Q3');
    expect(await store().latest({}, q3.from, q3.to)).toBeUndefined();
    expect(await store().latest({ service: 'payments' }, q3.from, q3.to)).toBeUndefined();
  });
});

describe('an event the table cannot key', () => {
  it('is refused with its id and time named, and nothing is written', async () => {
    const bad = { ...(EVENTS[0] as HistoryEvent), id: 'bad#gate', at: 'yesterday' } as HistoryEvent;
    await expect(store().record(bad)).rejects.toThrow(HistoryEventError);
    await expect(store().record(bad)).rejects.toThrow(
      'history event bad#gate: "at" is "yesterday"; expected an ISO 8601 time',
    );
    expect(ids(await store().query({ service: 'orders-api' }, from, to))).not.toContain('bad#gate');
  });
});

describe('events recorded before accounts were', () => {
  it('are still read by the review and by their deployment stream', async () => {
    // The item exactly as earlier versions wrote it: no service, environment or account attribute.
    const old = {
      id: 'legacy#gate',
      kind: 'gate',
      at: '2026-11-02T08:00:00Z',
      service: 'legacy',
      environment: 'prod',
      deploymentId: 'legacy',
      runId: 'legacy',
      verdict: 'PASS',
      items: {},
    };
    await dynamo.client.send(
      new PutItemCommand({
        TableName: 'preflight-history',
        Item: {
          pk: { S: 'DEP#legacy#prod' },
          sk: { S: `${old.at}#gate#${old.id}` },
          quarter: { S: '2026Q4' },
          kind: { S: 'gate' },
          event: { S: JSON.stringify(old) },
          expiresAt: { N: '1900000000' },
        },
      }),
    );

    expect(ids(await store().between(from, to))).toContain('legacy#gate');
    expect(ids(await store().query({ service: 'legacy', environment: 'prod' }, from, to))).toEqual([
      'legacy#gate',
    ]);
    // Not in the indexes added since: they index the attributes the old item does not have.
    expect(await store().query({ service: 'legacy' }, from, to)).toEqual([]);
  });
});

describe('a table that does not have every index yet', () => {
  it('answers the review by quarter, and names the missing index for the others', async () => {
    const { template } = synthPreflight({}, { context: { historyIndexes: '1' } });
    const properties = await createTableFromTemplate(dynamo, template, 'staged-history');
    expect(properties.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byQuarter', 'byService']);
    const staged = store('staged-history');
    for (const event of EVENTS) await staged.record(event);

    expect(await staged.between(from, to)).toHaveLength(EVENTS.length);
    expect(ids(await staged.query({ service: 'payments' }, from, to))).toEqual(
      idsWhere((e) => e.service === 'payments'),
    );
    const error = await staged.query({ account: ACCOUNT_A }, from, to).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(String((error as Error).message)).toMatch(/dynamodb:Query.*index/is);
  });
});
