import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { SecretsPorts } from '../../core/checks/secrets/ports';
import { type AccountIdentity, callerIdentity } from '../backups/identity';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { countRootAccessKeys, getAccessKeyLastUsed, listAccessKeys, listUsers } from './iam';
import { describeKey } from './kms';
import { listSecrets } from './secrets-manager';
import { listParameters } from './ssm';

/** The SDK clients the secrets ports use; tests pass their own (mocked or pointed at a local server). */
export interface SecretsClients {
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
  readonly iam: IAMClient;
  /** Tells whether a secret's customer managed key can still decrypt it. */
  readonly kms: KMSClient;
  /** Names the account whose root user is judged. */
  readonly sts: STSClient;
}

/** The secrets ports over the given clients. */
export function secretsPortsFromClients(clients: SecretsClients): SecretsPorts {
  // One identity lookup per ports object, and only when the root user is judged.
  let identity: Promise<AccountIdentity> | undefined;
  return {
    listSecrets: () => listSecrets(clients.secretsManager),
    describeKey: (keyId) => describeKey(clients.kms, keyId),
    listParameters: () => listParameters(clients.ssm),
    listUsers: () => listUsers(clients.iam),
    listAccessKeys: (user) => listAccessKeys(clients.iam, user),
    getAccessKeyLastUsed: (accessKeyId) => getAccessKeyLastUsed(clients.iam, accessKeyId),
    async rootUser() {
      identity ??= callerIdentity(clients.sts);
      const { partition, accountId } = await identity;
      return { userName: '<root_account>', arn: `arn:${partition}:iam::${accountId}:root` };
    },
    countRootAccessKeys: () => countRootAccessKeys(clients.iam),
  };
}

/** The secrets ports backed by AWS; clients are created once per call of this factory. */
export function createAwsSecretsPorts(options: AwsClientOptions): SecretsPorts {
  const config = clientConfig(options);
  return secretsPortsFromClients({
    secretsManager: new SecretsManagerClient(config),
    ssm: new SSMClient(config),
    iam: new IAMClient(config),
    kms: new KMSClient(config),
    sts: new STSClient(config),
  });
}
