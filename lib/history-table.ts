import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { HISTORY_INDEXES, HISTORY_KEYS, type HistoryIndexName } from '../lambdas/core/history/table-schema';

/**
 * CDK context (`cdk deploy -c historyIndexes=N`): how many of the indexes added after `byQuarter`
 * (`byService`, `byEnvironment`, `byAccount`, in that order) the table has. CloudFormation creates
 * one global secondary index per stack update, so a table deployed with `byQuarter` alone reaches
 * all of them in steps: `=1`, then `=2`, then without the setting.
 */
export const HISTORY_INDEXES_CONTEXT = 'historyIndexes';

/** A `historyIndexes` context value that is not a count of indexes. */
export class HistoryIndexesContextError extends Error {
  override readonly name = 'HistoryIndexesContextError';
}

const ADDED_LATER = (Object.keys(HISTORY_INDEXES) as HistoryIndexName[]).slice(1);

function indexesWanted(value: unknown): HistoryIndexName[] {
  if (value === undefined) return Object.keys(HISTORY_INDEXES) as HistoryIndexName[];
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > ADDED_LATER.length || String(value).trim() === '') {
    throw new HistoryIndexesContextError(
      `context ${HISTORY_INDEXES_CONTEXT}: got ${JSON.stringify(value)}; expected a whole number from 0 to ${ADDED_LATER.length}: how many of ${ADDED_LATER.join(', ')} to create (CloudFormation adds one index per deployment)`,
    );
  }
  return ['byQuarter', ...ADDED_LATER.slice(0, count)];
}

/**
 * The history table (keys in `lambdas/core/history/table-schema.ts`): every gate, sign-off, watch,
 * abort and rollback. On-demand, point-in-time recovery on, encrypted, TTL-expired.
 */
export class HistoryTable extends Construct {
  readonly table: dynamodb.Table;
  /** The global secondary indexes this table has. */
  readonly indexes: readonly HistoryIndexName[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: HISTORY_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: HISTORY_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.indexes = indexesWanted(this.node.tryGetContext(HISTORY_INDEXES_CONTEXT));
    for (const indexName of this.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: HISTORY_INDEXES[indexName], type: dynamodb.AttributeType.STRING },
        sortKey: { name: HISTORY_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      });
    }
  }

  /** The ARN of one of the table's indexes, for a `dynamodb:Query` grant on exactly that index. */
  indexArn(indexName: HistoryIndexName): string {
    return `${this.table.tableArn}/index/${indexName}`;
  }
}
