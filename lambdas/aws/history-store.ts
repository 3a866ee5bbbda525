import { type AttributeValue, DynamoDBClient, PutItemCommand, paginateQuery } from '@aws-sdk/client-dynamodb';
import { type HistoryEvent, quarterOf, quarterRange } from '../core/history/events';
import { historyEventProblem } from '../core/history/file';
import { accountOf, type HistoryFilter, matchesFilter } from '../core/history/filter';
import { HISTORY_INDEXES, HISTORY_KEYS, type HistoryIndexName } from '../core/history/table-schema';
import { callAws, collectPages, toAwsCallError } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/** Where history events are recorded and read back. */
export interface HistoryStore {
  record(event: HistoryEvent): Promise<void>;
  /** Every event from `from` (inclusive) to `to` (exclusive), oldest first. */
  between(from: Date, to: Date): Promise<HistoryEvent[]>;
}

/** Days an event is kept: longer than the review horizon (a quarter plus the year-on-year view). */
export const HISTORY_RETENTION_DAYS = 400;

/** An event the table cannot key: its time is not a time. */
export class HistoryEventError extends Error {
  override readonly name = 'HistoryEventError';
}

export interface HistoryStoreSettings {
  /** Items per Query page (`Limit`); every page is read, following `LastEvaluatedKey`. @default DynamoDB's 1 MB pages */
  readonly pageSize?: number;
}

/** One Query: a partition of the table or of an index, over a range of `sk`. */
interface PartitionRead {
  /** The index; `undefined` for the table itself. */
  readonly index?: HistoryIndexName;
  readonly value: string;
}

function isoOf(event: HistoryEvent): string {
  const time = Date.parse(event.at);
  if (Number.isNaN(time)) {
    throw new HistoryEventError(
      `history event ${event.id}: "at" is ${JSON.stringify(event.at)}; expected an ISO 8601 time`,
    );
  }
  return new Date(time).toISOString();
}

/**
 * History in one DynamoDB table (keys in `core/history/table-schema.ts`):
 * - `pk` = `DEP#<service>#<environment>`, `sk` = `<at>#<kind>#<id>`: one deployment stream, in time order;
 * - GSIs `byQuarter` (`quarter` = `2026Q4`), `byService`, `byEnvironment` and `byAccount` (the event's
 *   account, `home` when it names none), each sorted by `sk`: every read is a Query of one partition;
 * - `expiresAt` (epoch seconds) is the table's TTL attribute.
 * The event itself is stored as JSON in `event`, so new fields need no schema change.
 */
export class DynamoHistoryStore implements HistoryStore {
  constructor(
    private readonly tableName: string,
    private readonly client: DynamoDBClient = new DynamoDBClient(clientConfig()),
    private readonly settings: HistoryStoreSettings = {},
  ) {}

  static create(
    tableName: string,
    options: AwsClientOptions = {},
    settings: HistoryStoreSettings = {},
  ): DynamoHistoryStore {
    return new DynamoHistoryStore(tableName, new DynamoDBClient(clientConfig(options)), settings);
  }

  async record(event: HistoryEvent): Promise<void> {
    const at = isoOf(event);
    const expiresAt = Math.floor(Date.parse(at) / 1000) + HISTORY_RETENTION_DAYS * 86_400;
    await callAws('dynamodb:PutItem', () =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            [HISTORY_KEYS.partitionKey]: { S: `DEP#${event.service}#${event.environment}` },
            [HISTORY_KEYS.sortKey]: { S: `${at}#${event.kind}#${event.id}` },
            [HISTORY_INDEXES.byQuarter]: { S: quarterOf(at) },
            [HISTORY_INDEXES.byService]: { S: event.service },
            [HISTORY_INDEXES.byEnvironment]: { S: event.environment },
            [HISTORY_INDEXES.byAccount]: { S: accountOf(event) },
            ...(event.region === undefined ? {} : { region: { S: event.region } }),
            kind: { S: event.kind },
            event: { S: JSON.stringify(event) },
            expiresAt: { N: String(expiresAt) },
          },
        }),
      ),
    );
  }

  async between(from: Date, to: Date): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    for (const quarter of quartersBetween(from, to)) {
      const { from: qFrom, to: qTo } = quarterRange(quarter);
      events.push(
        ...(await this.read(
          { index: 'byQuarter', value: quarter },
          from > qFrom ? from : qFrom,
          to < qTo ? to : qTo,
        )),
      );
    }
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * The events matching `filter` from `from` (inclusive) to `to` (exclusive), oldest first, read
   * from the narrowest partition: the deployment stream for a service in an environment, else the
   * service's, the environment's or the account's index; without a filter, the quarters'.
   */
  async query(filter: HistoryFilter, from: Date, to: Date): Promise<HistoryEvent[]> {
    const read = partitionFor(filter);
    const events = read === undefined ? await this.between(from, to) : await this.read(read, from, to);
    return events.filter((event) => matchesFilter(event, filter)).sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * The newest event matching `filter` from `from` (inclusive) to `to` (exclusive), or `undefined`:
   * the narrowest partition read newest first, page by page until a match; without a filter, each
   * quarter's, newest quarter first.
   */
  async latest(filter: HistoryFilter, from: Date, to: Date): Promise<HistoryEvent | undefined> {
    const read = partitionFor(filter);
    if (read !== undefined) return this.newest(read, from, to, filter);
    for (const quarter of quartersBetween(from, to).reverse()) {
      const event = await this.newest({ index: 'byQuarter', value: quarter }, from, to, filter);
      if (event !== undefined) return event;
    }
    return undefined;
  }

  private async read(partition: PartitionRead, from: Date, to: Date): Promise<HistoryEvent[]> {
    const items = await collectPages(
      'dynamodb:Query',
      paginateQuery(this.paginatorConfig(), this.queryInput(partition, from, to)),
      (page) => page.Items,
    );
    return items.map(eventOf).filter((event) => event !== null && inRange(event, from, to)) as HistoryEvent[];
  }

  private async newest(
    partition: PartitionRead,
    from: Date,
    to: Date,
    filter: HistoryFilter,
  ): Promise<HistoryEvent | undefined> {
    const pages = paginateQuery(this.paginatorConfig(), {
      ...this.queryInput(partition, from, to),
      ScanIndexForward: false,
    });
    try {
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const event = eventOf(item);
          if (event !== null && inRange(event, from, to) && matchesFilter(event, filter)) return event;
        }
      }
    } catch (error) {
      throw toAwsCallError('dynamodb:Query', error);
    }
    return undefined;
  }

  private paginatorConfig() {
    return {
      client: this.client,
      ...(this.settings.pageSize === undefined ? {} : { pageSize: this.settings.pageSize }),
    };
  }

  private queryInput(partition: PartitionRead, from: Date, to: Date) {
    const values: Record<string, AttributeValue> = {
      ':v': { S: partition.value },
      ':lo': { S: from.toISOString() },
      ':hi': { S: to.toISOString() },
    };
    return {
      TableName: this.tableName,
      ...(partition.index === undefined ? {} : { IndexName: partition.index }),
      // `sk` starts with the time, so [from, to) is a range of `sk`; names are aliased (`#k`)
      // because DynamoDB reserves words such as `region`.
      KeyConditionExpression: '#k = :v AND #sk BETWEEN :lo AND :hi',
      ExpressionAttributeNames: {
        '#k': partition.index === undefined ? HISTORY_KEYS.partitionKey : HISTORY_INDEXES[partition.index],
        '#sk': HISTORY_KEYS.sortKey,
      },
      ExpressionAttributeValues: values,
    };
  }
}

/** A history table item that holds no event the review can judge. */
export class HistoryItemError extends Error {
  override readonly name = 'HistoryItemError';
}

/**
 * The item's event, read back like any other input: an item whose event is not JSON, or not an event
 * the review can judge (a kind it does not know, a name with a bidi override), is refused, naming
 * the item, as a history file with such an event is. An item without an event is none.
 */
function eventOf(item: Record<string, AttributeValue>): HistoryEvent | null {
  const text = item.event?.S;
  if (text === undefined) return null;
  const where = `history item ${item[HISTORY_KEYS.partitionKey]?.S ?? '?'} ${item[HISTORY_KEYS.sortKey]?.S ?? '?'}`;
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    throw new HistoryItemError(`${where}: its event is not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const problem = historyEventProblem(event);
  if (problem !== undefined) throw new HistoryItemError(`${where}: the event ${problem}`);
  return event as HistoryEvent;
}

function inRange(event: HistoryEvent, from: Date, to: Date): boolean {
  const time = Date.parse(event.at);
  return time >= from.getTime() && time < to.getTime();
}

/** The quarters [from, to) touches, oldest first. */
function quartersBetween(from: Date, to: Date): string[] {
  const quarters = new Set<string>();
  for (let t = new Date(from); t < to; t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 3, 1))) {
    quarters.add(quarterOf(t));
  }
  return [...quarters];
}

/** The one partition that holds every event `filter` can match; `undefined`: every quarter's. */
function partitionFor(filter: HistoryFilter): PartitionRead | undefined {
  if (filter.service !== undefined && filter.environment !== undefined) {
    return { value: `DEP#${filter.service}#${filter.environment}` };
  }
  if (filter.service !== undefined) return { index: 'byService', value: filter.service };
  if (filter.environment !== undefined) return { index: 'byEnvironment', value: filter.environment };
  if (filter.account !== undefined) return { index: 'byAccount', value: filter.account };
  return undefined;
}
