import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listParameters } from '../../../lambdas/aws/secrets/ssm';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from './serve-pages';

const ssm = mockClient(SSMClient);

afterAll(() => {
  ssm.restore();
});
const client = new SSMClient({ region: 'eu-west-1' });

describe('listParameters', () => {
  beforeEach(() => {
    ssm.reset();
  });

  describe('with two pages of parameters', () => {
    it('follows NextToken and keeps name, ARN, type, key and modification date', async () => {
      // Arrange
      const modified = new Date('2026-01-10T08:00:00Z');
      const pages = servePages([
        {
          Parameters: [
            { Name: '/prod/orders/db-password', ARN: 'arn:p1', Type: 'String', LastModifiedDate: modified },
          ],
          NextToken: 'page-2',
        },
        {
          Parameters: [{ Name: '/prod/orders/api-token', Type: 'SecureString', KeyId: 'alias/aws/ssm' }],
        },
      ]);
      ssm.on(DescribeParametersCommand).callsFake(pages.reply);

      // Act
      const parameters = await listParameters(client);

      // Assert
      expect(pages.sent).toEqual([{ MaxResults: 50 }, { MaxResults: 50, NextToken: 'page-2' }]);
      expect(parameters).toEqual([
        {
          name: '/prod/orders/db-password',
          arn: 'arn:p1',
          type: 'String',
          keyId: undefined,
          lastModifiedDate: modified,
        },
        {
          name: '/prod/orders/api-token',
          arn: undefined,
          type: 'SecureString',
          keyId: 'alias/aws/ssm',
          lastModifiedDate: undefined,
        },
      ]);
    });
  });

  describe('when DescribeParameters is denied', () => {
    it('throws an access-denied AwsCallError naming ssm:DescribeParameters', async () => {
      // Arrange
      ssm
        .on(DescribeParametersCommand)
        .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

      // Act
      const error = await listParameters(client).catch((e: unknown) => e);

      // Assert
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'ssm:DescribeParameters', kind: 'access-denied' });
    });
  });
});
