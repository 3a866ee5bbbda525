import {
  DescribeContinuousBackupsCommand,
  type DynamoDBClient,
  paginateListTables,
} from '@aws-sdk/client-dynamodb';
import type { DatabaseResource, NativeBackupState } from '../../core/checks/backups/ports';
import { mapWithConcurrency } from '../../core/concurrency';
import { AwsCallError } from '../../core/errors';
import { callAws, collectPages } from '../call';
import type { AccountIdentity } from './identity';

const DESCRIBE = 'dynamodb:DescribeContinuousBackups';

/** Tables whose PITR state is read at once: DescribeContinuousBackups has no list form. */
export const DEFAULT_DESCRIBE_CONCURRENCY = 5;

/** Reads one table's PITR state; a failure is kept on the table so the other tables still report. */
async function readPitr(client: DynamoDBClient, name: string): Promise<NativeBackupState> {
  try {
    const response = await callAws(DESCRIBE, () =>
      client.send(new DescribeContinuousBackupsCommand({ TableName: name })),
    );
    const pitr = response.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    if (pitr?.PointInTimeRecoveryStatus === undefined) {
      throw new AwsCallError(
        DESCRIBE,
        'malformed-response',
        'MissingField',
        'PointInTimeRecoveryStatus absent',
      );
    }
    return {
      kind: 'pitr',
      enabled: pitr.PointInTimeRecoveryStatus === 'ENABLED',
      ...(pitr.RecoveryPeriodInDays === undefined ? {} : { recoveryPeriodDays: pitr.RecoveryPeriodInDays }),
      ...(pitr.LatestRestorableDateTime === undefined
        ? {}
        : { latestRestorableTime: pitr.LatestRestorableDateTime }),
    };
  } catch (error) {
    return { kind: 'unreadable', error };
  }
}

/**
 * Every DynamoDB table of the region that `include` keeps, with its point-in-time recovery state:
 * one paginated ListTables, then DescribeContinuousBackups per kept table with at most `concurrency`
 * in flight. ListTables returns names only, so the ARN (what AWS Backup reports) is built from the
 * identity.
 */
export async function listDynamoDbTables(
  client: DynamoDBClient,
  identity: () => Promise<AccountIdentity>,
  concurrency: number = DEFAULT_DESCRIBE_CONCURRENCY,
  include: (table: { arn: string; name: string }) => boolean = () => true,
): Promise<DatabaseResource[]> {
  const names = await collectPages(
    'dynamodb:ListTables',
    paginateListTables({ client }, {}),
    (page) => page.TableNames,
  );
  if (names.length === 0) return [];
  const { partition, accountId } = await identity();
  const region = await client.config.region();
  const tables = names
    .map((name) => ({ name, arn: `arn:${partition}:dynamodb:${region}:${accountId}:table/${name}` }))
    .filter(include);
  return mapWithConcurrency(tables, concurrency, async ({ name, arn }) => ({
    kind: 'dynamodb-table' as const,
    arn,
    name,
    engine: 'dynamodb',
    native: await readPitr(client, name),
  }));
}
