import { mapWithConcurrency } from '../../concurrency';
import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import { type Outcome, settle } from '../kit/outcome';
import { isAwsManagedKey } from './kms';
import type { KmsKey, SecretMetadata, SecretsPorts } from './ports';
import { evaluateKeyState } from './rules/secrets-encryption/key-state';
import { evaluateSecretEncryption } from './rules/secrets-encryption/kms-key';

/** KMS keys described at once: DescribeKey shares KMS's per-account request rate with the workloads. */
export const KMS_KEY_CONCURRENCY = 4;

/**
 * Judges each secret's key: which kind (`kms-key`, by the manager DescribeKey gives for a key named by
 * ARN or id), and, for a key so named, whether it can still decrypt (`key-state`). Each distinct key is described once per run, however many secrets it
 * encrypts; a key that cannot be described is an ERROR on its secrets' `key-state` alone. The AWS
 * managed key aws/secretsmanager cannot be disabled or deleted, so it is not described.
 */
export async function auditSecretEncryption(
  ports: Pick<SecretsPorts, 'describeKey'>,
  secrets: readonly SecretMetadata[],
  settings: Pick<CheckSettings['secrets-encryption'], 'requireCustomerManagedKey'>,
): Promise<Finding[]> {
  const keyIds = [
    ...new Set(
      secrets.flatMap((s) => (s.kmsKeyId !== undefined && !isAwsManagedKey(s.kmsKeyId) ? [s.kmsKeyId] : [])),
    ),
  ];
  const described = await mapWithConcurrency(keyIds, KMS_KEY_CONCURRENCY, async (keyId) => {
    const read = await settle(() => ports.describeKey(keyId));
    return [keyId, read] as const;
  });
  const keys = new Map<string, Outcome<KmsKey>>(described);
  return secrets.flatMap((secret) => {
    const read = secret.kmsKeyId === undefined ? undefined : keys.get(secret.kmsKeyId);
    const kind = evaluateSecretEncryption(secret, settings, read);
    return read === undefined || secret.kmsKeyId === undefined
      ? [kind]
      : [kind, evaluateKeyState(secret, secret.kmsKeyId, read)];
  });
}
