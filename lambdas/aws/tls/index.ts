import type { TlsPorts } from '../../core/checks/tls/ports';
import type { AwsClientOptions } from '../client-config';

/** The tls ports backed by AWS; clients are created once per call of this factory. */
export function createAwsTlsPorts(_options: AwsClientOptions): TlsPorts {
  return {};
}
