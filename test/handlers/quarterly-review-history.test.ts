import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoHistoryStore } from '../../lambdas/aws/history-store';
import type { GateEvent, HistoryEvent } from '../../lambdas/core/history/events';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { deployment } from '../core/review/fixtures';
import { synthPreflight } from '../harness/synth';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { createTableFromTemplate, type LocalDynamo, startLocalDynamo } from '../support/local-dynamodb';
import { stubS3 } from '../support/s3-stub';

/*
 * The quarterly review over history the table really holds: events recorded twice (a redriven gate
 * execution, a retried recording step: the same id under a later time, so a second item), and
 * events whose time an older writer stored with an offset (the item's key is in UTC, the event's
 * own `at` is as written). The handler counted every copy, and dropped an event whose written time
 * read as another quarter than its instant.
 */

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

process.env.REPORT_BUCKET = 'reports';
process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
process.env.HISTORY_TABLE = 'preflight-history';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
process.env.TIME_ZONE = 'UTC';

const s3 = stubS3();
const sns = mockClient(SNSClient);
const eventBridge = mockClient(EventBridgeClient);
afterAll(() => {
  s3.mock.restore();
  sns.restore();
  eventBridge.restore();
});

/** `event` with its times moved by `hours` and written in the zone `offset` (+05:00). */
function shifted(event: HistoryEvent, hours: number, offset: string): HistoryEvent {
  const sign = offset.startsWith('-') ? -1 : 1;
  const zoneMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const utc = Date.parse(event.at) + hours * 3_600_000;
  const local = new Date(utc + zoneMinutes * 60_000).toISOString().slice(0, 19);
  return { ...event, at: `${local}${offset}` };
}

// Five deployments in October 2026; the first one's gate redriven, its decision recorded twice.
const october = [1, 2, 3, 4, 5].flatMap((day) =>
  deployment({ id: `oct${day}`, day, decision: day === 2 ? 'ROLLBACK' : 'PROCEED', trigger: 'error-rate' }),
);
const firstGate = october.find((e) => e.kind === 'gate') as GateEvent;
const redriven: GateEvent = {
  ...firstGate,
  at: new Date(Date.parse(firstGate.at) + 120_000).toISOString(),
};
const decidedAgain = october
  .filter((e) => e.kind === 'watch-decided')
  .map((e) => ({ ...e, at: new Date(Date.parse(e.at) + 60_000).toISOString() }));
// One deployment on 30 September, 22:00 to 22:35 UTC: the third quarter, each time written in +05:00
// (1 October, 03:00 local).
const september = deployment({ id: 'sep30', day: 1, decision: 'PROCEED' }).map((e) =>
  shifted(e, -12, '+05:00'),
);

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startLocalDynamo();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  await createTableFromTemplate(dynamo, synthPreflight({}).template, 'preflight-history');
  const store = new DynamoHistoryStore('preflight-history', dynamo.client);
  for (const event of [...october, redriven, ...decidedAgain, ...september]) await store.record(event);
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  await dynamo?.stop();
});

describe('quarterly review handler over recorded history', () => {
  beforeEach(() => {
    s3.install();
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  });

  it('counts an event recorded twice once', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');

    const result = await run({ quarter: '2026Q4' }, new Date('2027-01-04T09:00:00Z'));

    expect(result.overall).toMatchObject({ deployments: 5, failures: 1, changeFailureRate: 0.2 });
    const stored = s3.json<QuarterlyReview>('reviews/2026Q4/review.json');
    expect(stored.events).toBe(october.length);
    expect(stored.effectiveness.triggersFired).toEqual({ 'error-rate': 1 });
    expect(stored.effectiveness.items.every((i) => i.evaluated === 5)).toBe(true);
  });

  it('places an event stored with an offset in the quarter of its instant', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');

    const result = await run({ quarter: '2026Q3' }, new Date('2027-01-04T09:00:00Z'));

    expect(result.overall.deployments).toBe(1);
    const stored = s3.json<QuarterlyReview>('reviews/2026Q3/review.json');
    expect(stored.events).toBe(september.length);
  });
});
