import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoHistoryStore } from '../../lambdas/aws/history-store';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { ACCOUNT_A, badQuarter, organizationQuarter } from '../core/review/fixtures';
import { synthPreflight } from '../harness/synth';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { createTableFromTemplate, type LocalDynamo, startLocalDynamo } from '../support/local-dynamodb';
import { stubS3 } from '../support/s3-stub';

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
// The history is a real DynamoDB (the stack's table schema), reached the way the function reaches
// AWS: its default client, here pointed at the local endpoint.
let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  await createTableFromTemplate(dynamo, synthPreflight({}).template, 'preflight-history');
  const store = new DynamoHistoryStore('preflight-history', dynamo.client);
  for (const event of [...badQuarter(), ...organizationQuarter()]) await store.record(event);
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  await dynamo?.stop();
});

describe('quarterly review handler', () => {
  beforeEach(() => {
    s3.install();
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  });

  it('reviews the previous quarter from the history table, stores it and sends it', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');

    const result = await run({}, new Date('2027-01-04T09:00:00Z'));

    expect(result.quarter).toBe('2026Q4');
    expect(result.overall.deployments).toBe(15);
    const stored = s3.json<QuarterlyReview>('reviews/2026Q4/review.json');
    expect(stored.events).toBe(badQuarter().length + organizationQuarter().length);
    expect(s3.objects.get('reports/reviews/2026Q4/review.md')).toContain(
      '# Preflight checklist review 2026Q4',
    );
    const publish = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(publish?.Subject).toBe('Preflight checklist review 2026Q4');
    const message = JSON.parse(publish?.Message ?? '{}') as { email: string; sms: string };
    expect(message.email).toContain('## Deployment metrics (DORA)');
    // The HTML page beside the Markdown, linked from the email.
    expect(result.location.html).toBe('s3://reports/reviews/2026Q4/review.html');
    expect(s3.objects.get('reports/reviews/2026Q4/review.html')).toMatch(/^<!DOCTYPE html>[\s\S]*<svg /);
    expect(
      s3.mock.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key === 'reviews/2026Q4/review.html')
        ?.args[0].input.ContentType,
    ).toBe('text/html; charset=utf-8');
    expect(message.email).toContain('s3://reports/reviews/2026Q4/review.html');
    expect(message.sms).toBe(
      'Preflight review 2026Q4: 15 deploys, CFR 20%. s3://reports/reviews/2026Q4/review.md',
    );
  });

  it("shows where each service ran, and events that name no account as the function's own", async () => {
    const { handler } = await import('../../lambdas/handlers/review/quarterly');
    const context = {
      invokedFunctionArn: 'arn:aws:lambda:eu-central-1:999999999999:function:preflight-review',
    };

    await handler({ quarter: '2026Q4' }, context as never);

    const review = s3.json<QuarterlyReview>('reviews/2026Q4/review.json');
    const where = Object.fromEntries(
      review.byService.map((s) => [`${s.service} ${s.environment}`, `${s.accounts} ${s.regions}`]),
    );
    expect(where['orders-api prod']).toBe(`${ACCOUNT_A} eu-west-1,us-east-1`);
    expect(where['payments staging']).toBe('999999999999 us-east-1');
    expect(where['orders prod']).toBe('999999999999 us-east-1');
  });

  describe('the quarter just ended, where the schedule runs (timezone)', () => {
    // The schedule fires at 09:00 on the first weekday of the quarter in the configured time zone;
    // east of UTC that is still the last day of the quarter in UTC, which reviewed the quarter before
    // (again) and never the one just ended.
    afterEach(() => {
      process.env.TIME_ZONE = 'UTC';
    });

    it.each([
      ['Australia/Sydney', '2026-12-31T22:00:00Z', '2026Q4'],
      ['Pacific/Auckland', '2027-03-31T20:00:00Z', '2027Q1'],
      ['Asia/Kolkata', '2027-07-01T03:30:00Z', '2027Q2'],
      ['America/Los_Angeles', '2027-01-01T17:00:00Z', '2026Q4'],
      ['UTC', '2027-01-01T09:00:00Z', '2026Q4'],
    ])('%s, scheduled at %s: reviews %s', async (timeZone, at, quarter) => {
      process.env.TIME_ZONE = timeZone;
      const { run } = await import('../../lambdas/handlers/review/quarterly');

      const result = await run({}, new Date(at));

      expect(result.quarter).toBe(quarter);
      expect(s3.objects.has(`reports/reviews/${quarter}/review.json`)).toBe(true);
    });
  });

  it('rejects a malformed quarter', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');
    await expect(run({ quarter: '2026-Q4' })).rejects.toThrow(/quarter: expected a quarter such as 2026Q4/);
  });

  it('rejects a quarter before 1970 (0026Q4 reviewed 1926, labelled 0026Q4) rather than review another year', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');
    await expect(run({ quarter: '0026Q4' })).rejects.toThrow(
      /quarter: expected a quarter such as 2026Q4, from 1970Q1/,
    );
  });

  describe('its event on the default bus', () => {
    // Metrics are off under POWERTOOLS_DEV (the tests' setting) unless asked for.
    let printed: { mock: { calls: unknown[][] }; mockRestore: () => void };
    beforeEach(() => {
      process.env.POWERTOOLS_METRICS_DISABLED = 'false';
      printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    });
    afterEach(() => {
      delete process.env.POWERTOOLS_METRICS_DISABLED;
      printed.mockRestore();
    });
    const emf = () =>
      printed.mock.calls
        .map(([line]) => String(line))
        .filter((line) => line.includes('"CloudWatchMetrics"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    it('puts a Preflight Checklist Review event with the quarter, its numbers and the stored review', async () => {
      const { handler } = await import('../../lambdas/handlers/review/quarterly');
      const context = {
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:999999999999:function:preflight-review',
      };

      await handler({ quarter: '2026Q4' }, context as never);

      const entries = eventBridge
        .commandCalls(PutEventsCommand)
        .flatMap((c) => c.args[0].input.Entries ?? []);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.Source).toBe('preflight');
      expect(entries[0]?.DetailType).toBe('Preflight Checklist Review');
      expect(entries[0]?.EventBusName).toBeUndefined();
      expect(JSON.parse(entries[0]?.Detail ?? '{}')).toEqual({
        version: '1',
        quarter: '2026Q4',
        from: '2026-10-01T00:00:00.000Z',
        to: '2027-01-01T00:00:00.000Z',
        account: '999999999999',
        region: process.env.AWS_REGION ?? 'us-east-1',
        deployments: 15,
        changeFailureRate: 0.2,
        successRate: expect.any(Number),
        medianTimeToRestoreMinutes: expect.any(Number),
        services: 4,
        recommendations: expect.arrayContaining([expect.stringContaining('Change failure rate is 20%')]),
        summary: expect.stringMatching(
          /^Preflight checklist review 2026Q4: 15 deployments, change failure rate 20%/,
        ),
        links: {
          review: 's3://reports/reviews/2026Q4/review.json',
          reviewMarkdown: 's3://reports/reviews/2026Q4/review.md',
          reviewHtml: 's3://reports/reviews/2026Q4/review.html',
        },
      });
      expect(emf()).toEqual([]);
    });

    it('still stores and sends the review when the event cannot be put, counting it as EventsFailed (Workflow=review)', async () => {
      eventBridge.on(PutEventsCommand).resolves({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
      });
      const { run } = await import('../../lambdas/handlers/review/quarterly');

      const result = await run({ quarter: '2026Q4' }, new Date('2027-01-04T09:00:00Z'));

      expect(result.quarter).toBe('2026Q4');
      expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
      expect(emf()).toEqual([
        expect.objectContaining({
          _aws: expect.objectContaining({
            CloudWatchMetrics: [
              {
                Namespace: 'Preflight',
                Dimensions: [['Workflow']],
                Metrics: [{ Name: 'EventsFailed', Unit: 'Count' }],
              },
            ],
          }),
          Workflow: 'review',
          EventsFailed: 1,
        }),
      ]);
    });
  });
});
