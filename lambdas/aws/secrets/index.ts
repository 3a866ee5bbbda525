import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { SecretsPorts } from '../../core/checks/secrets/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { getAccessKeyLastUsed, listAccessKeys, listUsers } from './iam';
import { listSecrets } from './secrets-manager';
import { listParameters } from './ssm';

/** The SDK clients the secrets ports use; tests pass their own (mocked or pointed at a local server). */
export interface SecretsClients {
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
  readonly iam: IAMClient;
}

/** The secrets ports over the given clients. */
export function secretsPortsFromClients(clients: SecretsClients): SecretsPorts {
  return {
    listSecrets: () => listSecrets(clients.secretsManager),
    listParameters: () => listParameters(clients.ssm),
    listUsers: () => listUsers(clients.iam),
    listAccessKeys: (userName) => listAccessKeys(clients.iam, userName),
    getAccessKeyLastUsed: (accessKeyId) => getAccessKeyLastUsed(clients.iam, accessKeyId),
  };
}

/** The secrets ports backed by AWS; clients are created once per call of this factory. */
export function createAwsSecretsPorts(options: AwsClientOptions): SecretsPorts {
  const config = clientConfig(options);
  return secretsPortsFromClients({
    secretsManager: new SecretsManagerClient(config),
    ssm: new SSMClient(config),
    iam: new IAMClient(config),
  });
}
