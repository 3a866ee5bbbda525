import type { Finding } from '../../../../findings';
import { errorFinding, type FindingFields } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { encryptionFinding } from '../../finding';
import type { KmsKey, SecretMetadata } from '../../ports';

const day = (date: Date | undefined) => date?.toISOString().slice(0, 10) ?? 'a date KMS did not give';

/**
 * `key-state`: the customer managed key that encrypts a secret can still decrypt it. A disabled key,
 * or one whose deletion is scheduled, makes every read (and every rotation) of the secret fail, and
 * a deleted key loses the secret for good. A key in a disconnected custom key store (`Unavailable`)
 * cannot decrypt either, but that says nothing of the key itself: ERROR until the store is back.
 */
export function evaluateKeyState(secret: SecretMetadata, keyId: string, read: Outcome<KmsKey>): Finding {
  if (!read.ok)
    return errorFinding(encryptionFinding, 'key-state', secret.arn, read.error, { kmsKeyId: keyId });
  const key = read.value;
  const name = key.arn ?? keyId;
  const evidence = {
    kmsKeyId: keyId,
    keyArn: key.arn ?? null,
    keyState: key.keyState,
    keyManager: key.keyManager ?? null,
    ...(key.deletionDate === undefined ? {} : { deletionDate: key.deletionDate.toISOString() }),
  };
  const finding = (fields: Omit<FindingFields, 'evidence'>) =>
    encryptionFinding('key-state', secret.arn, { ...fields, evidence });
  switch (key.keyState) {
    case 'Enabled':
    case 'Updating': // a multi-Region key whose replicas are being updated still decrypts
      return finding({ status: 'PASS', message: `KMS key ${name} is enabled.` });
    case 'Disabled':
      return finding({
        status: 'FAIL',
        message: `KMS key ${name} is disabled: Secrets Manager cannot decrypt the secret, so every read and rotation of it fails.`,
        remediation: `Enable the key (aws kms enable-key --key-id ${name}); the secret cannot be moved to another key while this one cannot decrypt it.`,
      });
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return finding({
        status: 'FAIL',
        message: `KMS key ${name}${key.keyState === 'PendingReplicaDeletion' ? ' (a multi-Region replica key)' : ''} is scheduled for deletion on ${day(key.deletionDate)}: until then the secret cannot be read, and after it the secret is lost for good.`,
        remediation: `Cancel the deletion and enable the key (aws kms cancel-key-deletion --key-id ${name}, then aws kms enable-key --key-id ${name}); if the key must go, re-encrypt the secret with another key first (aws secretsmanager update-secret --secret-id ${secret.name} --kms-key-id <key-arn>).`,
      });
    case 'PendingImport':
      return finding({
        status: 'FAIL',
        message: `KMS key ${name} has no key material (PendingImport; imported material expired or was deleted): the secret cannot be decrypted.`,
        remediation: `Import the same key material again (aws kms import-key-material --key-id ${name}); other material cannot decrypt the secret.`,
      });
    case 'Unavailable':
      return finding({
        status: 'ERROR',
        message: `KMS key ${name} is unavailable: its custom key store (CloudHSM or external key store) is disconnected, so the secret cannot be decrypted now and the key's own state cannot be judged.`,
        remediation:
          'Reconnect the custom key store (aws kms connect-custom-key-store) and check the CloudHSM cluster or external key manager behind it, then run again.',
      });
    case 'Creating':
      return finding({
        status: 'WARN',
        message: `KMS key ${name} is still being created; it cannot decrypt yet.`,
        remediation: 'Run again once the key is Enabled.',
      });
    default:
      return finding({
        status: 'ERROR',
        message: `KMS key ${name} is in a state Preflight does not know (${key.keyState}): whether it can decrypt the secret is not known.`,
        remediation: `Inspect the key (aws kms describe-key --key-id ${name}) and run again.`,
      });
  }
}
