import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listDbInstances } from '../../../lambdas/aws/storage/rds';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const rds = mockClient(RDSClient);

afterAll(() => {
  rds.restore();
});
const rdsClient = new RDSClient({ region: 'eu-west-1' });
const fail = (name: string) => Object.assign(new Error('no'), { name });

describe('listDbInstances', () => {
  beforeEach(() => rds.reset());

  it('asks for the largest page, follows Marker and keeps the storage and its ceiling', async () => {
    const pages = servePages([
      {
        DBInstances: [
          {
            DBInstanceIdentifier: 'a',
            DBInstanceArn: 'arn:a',
            Engine: 'postgres',
            AllocatedStorage: 100,
            MaxAllocatedStorage: 400,
          },
        ],
        Marker: 'm2',
      },
      {
        DBInstances: [
          {
            DBInstanceIdentifier: 'b',
            DBInstanceArn: 'arn:b',
            Engine: 'aurora-mysql',
            DBClusterIdentifier: 'c',
          },
        ],
      },
    ]);
    rds.on(DescribeDBInstancesCommand).callsFake(pages.reply);
    expect(await listDbInstances(rdsClient)).toEqual([
      { identifier: 'a', arn: 'arn:a', engine: 'postgres', allocatedGiB: 100, maxAllocatedGiB: 400 },
      { identifier: 'b', arn: 'arn:b', engine: 'aurora-mysql', cluster: 'c' },
    ]);
    expect(pages.sent).toEqual([{ MaxRecords: 100 }, { MaxRecords: 100, Marker: 'm2' }]);
  });

  it.each<[string, () => void, string]>([
    ['denied', () => rds.on(DescribeDBInstancesCommand).rejects(fail('AccessDenied')), 'access-denied'],
    [
      'throttled past the retries',
      () => rds.on(DescribeDBInstancesCommand).rejects(fail('Throttling')),
      'throttled',
    ],
    [
      'answered without an engine',
      () =>
        rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ DBInstanceIdentifier: 'a', DBInstanceArn: 'arn:a' }] }),
      'malformed-response',
    ],
  ])('fails closed naming rds:DescribeDBInstances when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await listDbInstances(rdsClient).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'rds:DescribeDBInstances', kind });
  });
});
