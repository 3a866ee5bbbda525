import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretsPortsFromClients } from '../../../lambdas/aws/secrets';
import { listSecrets } from '../../../lambdas/aws/secrets/secrets-manager';
import { runCheck } from '../../../lambdas/core/checks/run';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';

const NOW = new Date('2026-03-01T12:00:00Z');
const epochSeconds = (iso: string) => Date.parse(iso) / 1000;

function secretEntry(name: string) {
  return {
    ARN: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-AbC123`,
    Name: name,
    RotationEnabled: true,
    RotationRules: { AutomaticallyAfterDays: 30 },
    LastRotatedDate: epochSeconds('2026-02-20T00:00:00Z'),
    CreatedDate: epochSeconds('2025-01-01T00:00:00Z'),
    SecretVersionsToStages: { v1: ['AWSCURRENT'] },
  };
}

describe('Secrets Manager through the real SDK against a local endpoint', () => {
  let endpoint: LocalAwsJsonEndpoint;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    endpoint = await LocalAwsJsonEndpoint.start({ targetPrefix: 'secretsmanager' });
    client = new SecretsManagerClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // Four attempts 5 ms apart: real retry logic, no real waiting.
      retryStrategy: new ConfiguredRetryStrategy(4, () => 5),
    });
  });

  afterEach(async () => {
    client.destroy();
    await endpoint.close();
  });

  describe('when ListSecrets is throttled twice, then answers two pages', () => {
    it('retries the throttles and collects every page', async () => {
      // Arrange
      endpoint.script(
        'ListSecrets',
        awsJsonReply.throttle(),
        awsJsonReply.throttle(),
        awsJsonReply.ok({ SecretList: [secretEntry('prod/orders/db')], NextToken: 'page-2' }),
        awsJsonReply.ok({ SecretList: [secretEntry('prod/billing/db')] }),
      );

      // Act
      const secrets = await listSecrets(client);

      // Assert
      expect(secrets.map((secret) => secret.name)).toEqual(['prod/orders/db', 'prod/billing/db']);
      expect(secrets[0]?.lastRotatedDate).toEqual(new Date('2026-02-20T00:00:00Z'));
      const calls = endpoint.callsTo('ListSecrets');
      expect(calls).toHaveLength(4);
      expect(calls[0]?.body).toEqual({ IncludePlannedDeletion: false, MaxResults: 100 });
      expect(calls[3]?.body).toEqual({ IncludePlannedDeletion: false, MaxResults: 100, NextToken: 'page-2' });
    });
  });

  describe('when the throttling outlasts the retries', () => {
    beforeEach(() => {
      endpoint.script('ListSecrets', ...Array.from({ length: 4 }, () => awsJsonReply.throttle()));
    });

    it('gives up after the configured attempts with a throttled AwsCallError', async () => {
      // Act
      const error = await listSecrets(client).catch((e: unknown) => e);

      // Assert
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({
        action: 'secretsmanager:ListSecrets',
        kind: 'throttled',
        code: 'ThrottlingException',
      });
      expect(endpoint.callsTo('ListSecrets')).toHaveLength(4);
    });

    it('turns the rotation check into one ERROR finding naming secretsmanager:ListSecrets', async () => {
      // Arrange: only the secrets ports are reached by this check.
      const unused = { region: 'eu-west-1' };
      const secrets = secretsPortsFromClients({
        secretsManager: client,
        ssm: new SSMClient(unused),
        iam: new IAMClient(unused),
        sts: new STSClient(unused),
        kms: new KMSClient(unused),
      });
      const account = { secrets } as unknown as AccountPorts;
      const config = ConfigSchema.parse({});

      // Act
      const result = await runCheck('secrets-rotation', account, config, NOW);

      // Assert
      expect(result.findings).toEqual([
        expect.objectContaining({
          checkId: 'secrets-rotation',
          status: 'ERROR',
          resource: '*',
          message: expect.stringContaining('secretsmanager:ListSecrets'),
          evidence: { code: 'ThrottlingException' },
        }),
      ]);
    });
  });
});
