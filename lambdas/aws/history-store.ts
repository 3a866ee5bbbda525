import { DynamoDBClient, PutItemCommand, paginateQuery } from '@aws-sdk/client-dynamodb';
import { type HistoryEvent, quarterOf, quarterRange } from '../core/history/events';
import { callAws, collectPages } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/** Where history events are recorded and read back. */
export interface HistoryStore {
  record(event: HistoryEvent): Promise<void>;
  /** Every event from `from` (inclusive) to `to` (exclusive), oldest first. */
  between(from: Date, to: Date): Promise<HistoryEvent[]>;
}

/** Days an event is kept: longer than the review horizon (a quarter plus the year-on-year view). */
export const HISTORY_RETENTION_DAYS = 400;

/**
 * History in one DynamoDB table. Keys:
 * - `pk` = `DEP#<service>#<environment>`, `sk` = `<at>#<kind>#<id>`: one deployment stream, in time order;
 * - GSI `byQuarter`: `quarter` = `2026Q4`, `sk`: everything in a quarter, for the review;
 * - `expiresAt` (epoch seconds) is the table's TTL attribute.
 * The event itself is stored as JSON in `event`, so new fields need no schema change.
 */
export class DynamoHistoryStore implements HistoryStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = new DynamoDBClient(clientConfig()),
  ) {}

  static create(tableName: string, options: AwsClientOptions = {}): DynamoHistoryStore {
    return new DynamoHistoryStore(tableName, new DynamoDBClient(clientConfig(options)));
  }

  async record(event: HistoryEvent): Promise<void> {
    const expiresAt = Math.floor(new Date(event.at).getTime() / 1000) + HISTORY_RETENTION_DAYS * 86_400;
    await callAws('dynamodb:PutItem', () =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: { S: `DEP#${event.service}#${event.environment}` },
            sk: { S: `${event.at}#${event.kind}#${event.id}` },
            quarter: { S: quarterOf(event.at) },
            kind: { S: event.kind },
            event: { S: JSON.stringify(event) },
            expiresAt: { N: String(expiresAt) },
          },
        }),
      ),
    );
  }

  async between(from: Date, to: Date): Promise<HistoryEvent[]> {
    const quarters = new Set<string>();
    for (let t = new Date(from); t < to; t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 3, 1))) {
      quarters.add(quarterOf(t));
    }
    const events: HistoryEvent[] = [];
    for (const quarter of quarters) {
      const { from: qFrom, to: qTo } = quarterRange(quarter);
      const lower = (from > qFrom ? from : qFrom).toISOString();
      const upper = (to < qTo ? to : qTo).toISOString();
      const items = await collectPages(
        'dynamodb:Query',
        paginateQuery(
          { client: this.client },
          {
            TableName: this.tableName,
            IndexName: 'byQuarter',
            KeyConditionExpression: 'quarter = :q AND sk BETWEEN :lo AND :hi',
            ExpressionAttributeValues: { ':q': { S: quarter }, ':lo': { S: lower }, ':hi': { S: upper } },
          },
        ),
        (page) => page.Items,
      );
      for (const item of items) {
        const event = JSON.parse(item.event?.S ?? 'null') as HistoryEvent | null;
        if (event !== null && event.at >= from.toISOString() && event.at < to.toISOString())
          events.push(event);
      }
    }
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }
}
