import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoHistoryStore } from '../../lambdas/aws/history-store';
import type { HistoryEvent } from '../../lambdas/core/history/events';
import { badQuarter } from '../core/review/fixtures';
import { synthPreflight } from '../harness/synth';
import { runCliInProcess } from '../support/cli-in-process';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { createTableFromTemplate, type LocalDynamo, startLocalDynamo } from '../support/local-dynamodb';

/*
 * The history table is read back like any other input: an item whose event is not JSON, is of no
 * kind the review knows, or names its service with a bidi override (whoever may write the table:
 * `dynamodb:PutItem` is broad in many accounts) is refused by `preflight review`, naming the item,
 * as a history file with such an event is, rather than crashing on it or printing it as it is.
 */

let dynamo: LocalDynamo;
let tables = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
});
const environmentBefore = saveEnvironment();
afterAll(async () => {
  restoreEnvironment(environmentBefore);
  await dynamo?.stop();
});

/** A fresh history table holding a good quarter and one more item, as `tamper` writes it. */
async function tableWith(tamper: (item: Record<string, { S: string }>) => Record<string, { S: string }>) {
  tables += 1;
  const table = `preflight-history-${tables}`;
  await createTableFromTemplate(dynamo, synthPreflight({}).template, table);
  const store = new DynamoHistoryStore(table, dynamo.client);
  const events = badQuarter();
  for (const event of events) await store.record(event);
  const base = events[0] as HistoryEvent;
  const item = {
    pk: { S: `DEP#${base.service}#${base.environment}` },
    sk: { S: `2026-11-02T10:00:00.000Z#gate#tampered` },
    quarter: { S: '2026Q4' },
    service: { S: base.service },
    environment: { S: base.environment },
    account: { S: 'home' },
    kind: { S: 'gate' },
    event: { S: JSON.stringify({ ...base, id: 'tampered', at: '2026-11-02T10:00:00.000Z' }) },
  };
  await dynamo.client.send(new PutItemCommand({ TableName: table, Item: tamper(item) }));
  return table;
}

describe('preflight review --table, with an item that is not a history event', () => {
  it.each([
    {
      case: 'an event that is not JSON',
      tamper: (item: Record<string, { S: string }>) => ({ ...item, event: { S: '{"kind":"gate",' } }),
      message: /history item DEP#.*#prod 2026-11-02T10:00:00\.000Z#gate#tampered: its event is not JSON/,
    },
    {
      case: 'a service named with a bidi override',
      tamper: (item: Record<string, { S: string }>) => {
        const event = JSON.parse(item.event?.S ?? '{}') as Record<string, unknown>;
        return { ...item, event: { S: JSON.stringify({ ...event, service: 'orders\u202eipa' }) } };
      },
      message:
        /item DEP#.*2026-11-02T10:00:00\.000Z#gate#tampered: .*has service "orders\\u202eipa"; expected the service's name as plain text/,
    },
    {
      case: 'an event of no kind the review knows',
      tamper: (item: Record<string, { S: string }>) => {
        const event = JSON.parse(item.event?.S ?? '{}') as Record<string, unknown>;
        return { ...item, event: { S: JSON.stringify({ ...event, kind: 'approval' }) } };
      },
      message: /tampered: .*has kind "approval"; expected one of gate, signoff/,
    },
  ])('refuses $case, naming the item (exit 2)', async ({ tamper, message }) => {
    const table = await tableWith(tamper);

    const run = await runCliInProcess([
      'review',
      '--quarter',
      '2026Q4',
      '--table',
      table,
      '--format',
      'json',
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/[\u202e]|SyntaxError|Unexpected end/);
  });
});
