import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { listRunningInstances } from '../../../lambdas/aws/storage/ec2';
import { listDbInstances } from '../../../lambdas/aws/storage/rds';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from '../secrets/serve-pages';

const rds = mockClient(RDSClient);
const ec2 = mockClient(EC2Client);
const rdsClient = new RDSClient({ region: 'eu-west-1' });
const ec2Client = new EC2Client({ region: 'eu-west-1' });
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

describe('listRunningInstances', () => {
  beforeEach(() => ec2.reset());

  it('asks for running instances at the largest page, follows NextToken, keeps the owner and Name tag', async () => {
    const pages = servePages([
      {
        Reservations: [
          {
            OwnerId: '111122223333',
            Instances: [
              { InstanceId: 'i-1', Tags: [{ Key: 'Name', Value: 'web-1' }] },
              { InstanceId: 'i-2', Tags: [{ Key: 'team', Value: 'x' }] },
            ],
          },
        ],
        NextToken: 'n2',
      },
      { Reservations: [{ OwnerId: '444455556666', Instances: [{ InstanceId: 'i-3' }] }] },
    ]);
    ec2.on(DescribeInstancesCommand).callsFake(pages.reply);
    expect(await listRunningInstances(ec2Client)).toEqual([
      { id: 'i-1', ownerId: '111122223333', name: 'web-1' },
      { id: 'i-2', ownerId: '111122223333' },
      { id: 'i-3', ownerId: '444455556666' },
    ]);
    const filters = [{ Name: 'instance-state-name', Values: ['running'] }];
    expect(pages.sent).toEqual([
      { Filters: filters, MaxResults: 1000 },
      { Filters: filters, MaxResults: 1000, NextToken: 'n2' },
    ]);
  });

  it.each<[string, () => void, string]>([
    [
      'denied',
      () => ec2.on(DescribeInstancesCommand).rejects(fail('UnauthorizedOperation')),
      'access-denied',
    ],
    [
      'throttled past the retries',
      () => ec2.on(DescribeInstancesCommand).rejects(fail('RequestLimitExceeded')),
      'throttled',
    ],
    [
      'answered without an owner',
      () =>
        ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1' }] }] }),
      'malformed-response',
    ],
  ])('fails closed naming ec2:DescribeInstances when %s', async (_case, arrange, kind) => {
    arrange();
    const error = await listRunningInstances(ec2Client).catch((e: unknown) => e);
    expect(error).toMatchObject({ action: 'ec2:DescribeInstances', kind });
  });
});
