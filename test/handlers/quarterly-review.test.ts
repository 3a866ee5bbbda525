import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QuarterlyReview } from '../../lambdas/core/review/review';
import { badQuarter } from '../core/review/fixtures';
import { stubS3 } from '../support/s3-stub';

process.env.REPORT_BUCKET = 'reports';
process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alerts';
process.env.HISTORY_TABLE = 'history';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';

const s3 = stubS3();
const sns = mockClient(SNSClient);
const dynamodb = mockClient(DynamoDBClient);

describe('quarterly review handler', () => {
  beforeEach(() => {
    s3.install();
    sns.reset();
    dynamodb.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const items = badQuarter().map((e) => ({ event: { S: JSON.stringify(e) } }));
    // Two pages, to prove the history is read to the end.
    dynamodb
      .on(QueryCommand)
      .resolvesOnce({ Items: items.slice(0, 10), LastEvaluatedKey: { pk: { S: 'x' } } })
      .resolves({ Items: items.slice(10) });
  });

  it('reviews the previous quarter from the history, stores it and sends it', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');

    const result = await run({}, new Date('2027-01-04T09:00:00Z'));

    expect(result.quarter).toBe('2026Q4');
    expect(result.overall.changeFailureRate).toBe(0.2);
    expect(dynamodb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'history',
      IndexName: 'byQuarter',
      ExpressionAttributeValues: expect.objectContaining({ ':q': { S: '2026Q4' } }),
    });
    expect(s3.json<QuarterlyReview>('reviews/2026Q4/review.json').overall.deployments).toBe(10);
    expect(s3.objects.get('reports/reviews/2026Q4/review.md')).toContain(
      '# Preflight checklist review 2026Q4',
    );
    const publish = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(publish?.Subject).toBe('Preflight checklist review 2026Q4');
    const message = JSON.parse(publish?.Message ?? '{}') as { email: string; sms: string };
    expect(message.email).toContain('## Deployment metrics (DORA)');
    expect(message.sms).toBe(
      'Preflight review 2026Q4: 10 deploys, CFR 20%. s3://reports/reviews/2026Q4/review.md',
    );
  });

  it('rejects a malformed quarter', async () => {
    const { run } = await import('../../lambdas/handlers/review/quarterly');
    await expect(run({ quarter: '2026-Q4' })).rejects.toThrow(/quarter: expected a quarter such as 2026Q4/);
  });
});
