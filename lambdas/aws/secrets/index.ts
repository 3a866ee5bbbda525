import type { SecretsPorts } from '../../core/checks/secrets/ports';
import type { AwsClientOptions } from '../client-config';

/** The secrets ports backed by AWS; clients are created once per call of this factory. */
export function createAwsSecretsPorts(_options: AwsClientOptions): SecretsPorts {
  return {};
}
