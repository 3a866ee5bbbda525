import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listSecrets } from '../../../lambdas/aws/secrets/secrets-manager';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from './serve-pages';

const secretsManager = mockClient(SecretsManagerClient);

afterAll(() => {
  secretsManager.restore();
});
const client = new SecretsManagerClient({ region: 'eu-west-1' });
const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/orders/db-Xk3p9Q';

describe('listSecrets', () => {
  beforeEach(() => {
    secretsManager.reset();
  });

  describe('with two pages of secrets', () => {
    it('follows NextToken, excludes planned deletions and maps every field the checks read', async () => {
      // Arrange
      const pages = servePages([
        {
          SecretList: [
            {
              ARN,
              Name: 'prod/orders/db',
              KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/5f0c2a8e',
              RotationEnabled: true,
              RotationRules: { AutomaticallyAfterDays: 30, ScheduleExpression: 'rate(30 days)' },
              LastRotatedDate: new Date('2026-02-01T00:00:00Z'),
              LastChangedDate: new Date('2026-02-01T00:05:00Z'),
              NextRotationDate: new Date('2026-03-03T00:00:00Z'),
              CreatedDate: new Date('2025-01-01T00:00:00Z'),
              Tags: [{ Key: 'team', Value: 'orders' }, { Key: 'preflight:rotation-exempt' }],
              SecretVersionsToStages: { v2: ['AWSCURRENT'], v1: ['AWSPREVIOUS'] },
            },
          ],
          NextToken: 'page-2',
        },
        { SecretList: [{ ARN: `${ARN}2`, Name: 'prod/payments/key' }] },
      ]);
      secretsManager.on(ListSecretsCommand).callsFake(pages.reply);

      // Act
      const secrets = await listSecrets(client);

      // Assert
      expect(pages.sent).toEqual([
        { IncludePlannedDeletion: false, MaxResults: 100 },
        { IncludePlannedDeletion: false, MaxResults: 100, NextToken: 'page-2' },
      ]);
      expect(secrets).toEqual([
        {
          arn: ARN,
          name: 'prod/orders/db',
          kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/5f0c2a8e',
          rotationEnabled: true,
          rotationRules: { automaticallyAfterDays: 30, scheduleExpression: 'rate(30 days)' },
          lastRotatedDate: new Date('2026-02-01T00:00:00Z'),
          lastChangedDate: new Date('2026-02-01T00:05:00Z'),
          nextRotationDate: new Date('2026-03-03T00:00:00Z'),
          createdDate: new Date('2025-01-01T00:00:00Z'),
          tags: { team: 'orders', 'preflight:rotation-exempt': '' },
          versionStages: { v2: ['AWSCURRENT'], v1: ['AWSPREVIOUS'] },
        },
        expect.objectContaining({
          name: 'prod/payments/key',
          rotationEnabled: false,
          kmsKeyId: undefined,
          tags: {},
          versionStages: {},
        }),
      ]);
    });
  });

  describe('when ListSecrets is denied', () => {
    it('throws an access-denied AwsCallError naming secretsmanager:ListSecrets', async () => {
      // Arrange
      secretsManager.on(ListSecretsCommand).rejects(
        Object.assign(new Error('not authorized to perform secretsmanager:ListSecrets'), {
          name: 'AccessDeniedException',
        }),
      );

      // Act
      const error = await listSecrets(client).catch((e: unknown) => e);

      // Assert
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'secretsmanager:ListSecrets', kind: 'access-denied' });
    });
  });

  describe('when an entry has no name', () => {
    it('fails closed with a malformed-response AwsCallError', async () => {
      // Arrange
      secretsManager.on(ListSecretsCommand).resolves({ SecretList: [{ ARN }] });

      // Act
      const error = await listSecrets(client).catch((e: unknown) => e);

      // Assert
      expect(error).toMatchObject({ action: 'secretsmanager:ListSecrets', kind: 'malformed-response' });
    });
  });
});
