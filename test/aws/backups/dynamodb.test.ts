import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listDynamoDbTables } from '../../../lambdas/aws/backups/dynamodb';
import { AwsCallError } from '../../../lambdas/core/errors';
import { accessDenied } from './errors';

const dynamoMock = mockClient(DynamoDBClient);

afterAll(() => {
  dynamoMock.restore();
});
const client = new DynamoDBClient({ region: 'eu-west-1' });
const identity = vi.fn(async () => ({ partition: 'aws', accountId: '111122223333' }));
const RESTORABLE = new Date('2026-03-10T11:58:00Z');

const pitrOn = {
  ContinuousBackupsDescription: {
    ContinuousBackupsStatus: 'ENABLED' as const,
    PointInTimeRecoveryDescription: {
      PointInTimeRecoveryStatus: 'ENABLED' as const,
      RecoveryPeriodInDays: 35,
      LatestRestorableDateTime: RESTORABLE,
    },
  },
};
const pitrOff = {
  ContinuousBackupsDescription: {
    ContinuousBackupsStatus: 'ENABLED' as const,
    PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' as const },
  },
};

describe('DynamoDB adapter: listDynamoDbTables', () => {
  beforeEach(() => {
    dynamoMock.reset();
    identity.mockClear();
  });

  it('reads every page of ListTables and the PITR state of each table, with its ARN', async () => {
    dynamoMock
      .on(ListTablesCommand)
      .resolvesOnce({ TableNames: ['customers'], LastEvaluatedTableName: 'customers' })
      .resolvesOnce({ TableNames: ['sessions'] });
    dynamoMock.on(DescribeContinuousBackupsCommand, { TableName: 'customers' }).resolves(pitrOn);
    dynamoMock.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).resolves(pitrOff);

    const tables = await listDynamoDbTables(client, identity);

    expect(dynamoMock).toHaveReceivedCommandTimes(ListTablesCommand, 2);
    expect(dynamoMock).toHaveReceivedNthCommandWith(ListTablesCommand, 2, {
      ExclusiveStartTableName: 'customers',
    });
    expect(dynamoMock).toHaveReceivedCommandTimes(DescribeContinuousBackupsCommand, 2);
    expect(tables).toEqual([
      {
        kind: 'dynamodb-table',
        arn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/customers',
        name: 'customers',
        engine: 'dynamodb',
        native: { kind: 'pitr', enabled: true, recoveryPeriodDays: 35, latestRestorableTime: RESTORABLE },
      },
      {
        kind: 'dynamodb-table',
        arn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/sessions',
        name: 'sessions',
        engine: 'dynamodb',
        native: { kind: 'pitr', enabled: false },
      },
    ]);
  });

  it('keeps a table whose DescribeContinuousBackups is denied, marked unreadable, and reports the others', async () => {
    dynamoMock.on(ListTablesCommand).resolves({ TableNames: ['audit-events', 'customers'] });
    dynamoMock.on(DescribeContinuousBackupsCommand, { TableName: 'audit-events' }).rejects(accessDenied());
    dynamoMock.on(DescribeContinuousBackupsCommand, { TableName: 'customers' }).resolves(pitrOn);

    const [audit, customers] = await listDynamoDbTables(client, identity);

    expect(customers?.native.kind).toBe('pitr');
    expect(audit?.native.kind).toBe('unreadable');
    const error = audit?.native.kind === 'unreadable' ? audit.native.error : undefined;
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'dynamodb:DescribeContinuousBackups', kind: 'access-denied' });
  });

  it('marks a response without a PITR status as unreadable', async () => {
    dynamoMock.on(ListTablesCommand).resolves({ TableNames: ['odd'] });
    dynamoMock.on(DescribeContinuousBackupsCommand).resolves({});

    const [odd] = await listDynamoDbTables(client, identity);

    expect(odd?.native).toMatchObject({ kind: 'unreadable', error: { kind: 'malformed-response' } });
  });

  it('describes at most `concurrency` tables at once', async () => {
    dynamoMock.on(ListTablesCommand).resolves({ TableNames: ['a', 'b', 'c', 'd', 'e'] });
    let inFlight = 0;
    let peak = 0;
    dynamoMock.on(DescribeContinuousBackupsCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return pitrOn;
    });

    const tables = await listDynamoDbTables(client, identity, 2);

    expect(tables).toHaveLength(5);
    expect(peak).toBe(2);
  });

  it('asks for no identity when there is no table', async () => {
    dynamoMock.on(ListTablesCommand).resolves({ TableNames: [] });

    await expect(listDynamoDbTables(client, identity)).resolves.toEqual([]);
    expect(identity).not.toHaveBeenCalled();
  });

  it('turns a denied ListTables into an AwsCallError naming dynamodb:ListTables', async () => {
    dynamoMock.on(ListTablesCommand).rejects(accessDenied());

    await expect(listDynamoDbTables(client, identity)).rejects.toMatchObject({
      name: 'AwsCallError',
      action: 'dynamodb:ListTables',
      kind: 'access-denied',
    });
  });
});
