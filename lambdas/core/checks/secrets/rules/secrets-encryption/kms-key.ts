import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { encryptionFinding } from '../../finding';
import { isAwsManagedKey } from '../../kms';
import type { KmsKey, SecretMetadata } from '../../ports';

/**
 * How to move the secret to a customer managed key. A secret another service owns refuses
 * update-secret: the owner changes its key (RDS through the database's master user secret key).
 */
function reencryptFix(secret: SecretMetadata): string {
  const key = 'Create a customer managed KMS key with a narrow key policy';
  switch (secret.owningService) {
    case undefined:
      return `${key} and re-encrypt the secret (aws secretsmanager update-secret --secret-id ${secret.name} --kms-key-id <key-arn>); readers then need kms:Decrypt on that key.`;
    case 'rds':
      return `${key} and give it to the database that owns this secret (aws rds modify-db-instance, or modify-db-cluster, --master-user-secret-kms-key-id <key-arn>); Secrets Manager refuses direct changes to a secret RDS manages.`;
    default:
      return `${key} and set it through ${secret.owningService}, which owns this secret; Secrets Manager refuses direct changes to it.`;
  }
}

/** Whether KMS itself says the key is AWS managed, when the secret names it by key ARN or id. */
function describedAsAwsManaged(read: Outcome<KmsKey> | undefined): boolean {
  return read?.ok === true && read.value.keyManager === 'AWS';
}

/** What is known of a key a secret names by ARN, id or its own alias. */
function customerKeyType(read: Outcome<KmsKey> | undefined): string {
  if (read?.ok === true && read.value.keyManager === 'CUSTOMER') return 'customer-managed';
  return 'customer-managed (assumed from a key ARN, not verified)';
}

/**
 * Judges which KMS key encrypts a secret. The AWS managed key `aws/secretsmanager` cannot be
 * shared across accounts, have its key policy narrowed or be disabled in an emergency (AWS rotates
 * it every year, and nobody can change that); a customer managed key can. A secret may name the AWS
 * managed key by its ARN or id, so the key's manager as DescribeKey gives it (`read`) decides; a key
 * that could not be described is taken to be customer managed (its `key-state` is the ERROR).
 */
export function evaluateSecretEncryption(
  secret: SecretMetadata,
  settings: Pick<CheckSettings['secrets-encryption'], 'requireCustomerManagedKey'>,
  read?: Outcome<KmsKey>,
): Finding {
  const finding = (fields: FindingFields) => encryptionFinding('kms-key', secret.arn, fields);
  const kmsKeyId = secret.kmsKeyId ?? null;
  const namedByAlias = isAwsManagedKey(secret.kmsKeyId);
  if (!namedByAlias && !describedAsAwsManaged(read)) {
    return finding({
      status: 'PASS',
      message: 'Encrypted with a customer managed KMS key.',
      evidence: { kmsKeyId, keyType: customerKeyType(read) },
    });
  }
  const keyArn = read?.ok === true ? (read.value.arn ?? null) : null;
  const evidence = {
    kmsKeyId: kmsKeyId ?? 'alias/aws/secretsmanager (default)',
    keyType: 'aws-managed',
    ...(namedByAlias ? {} : { keyArn, keyManager: 'AWS' }),
    requireCustomerManagedKey: settings.requireCustomerManagedKey,
  };
  const which = namedByAlias
    ? 'the AWS managed key aws/secretsmanager'
    : `the AWS managed key ${keyArn ?? kmsKeyId}`;
  if (settings.requireCustomerManagedKey) {
    return finding({
      status: 'FAIL',
      message: `Encrypted with ${which}, not a customer managed key${namedByAlias ? '' : ' (KMS says KeyManager AWS)'}.`,
      evidence,
      remediation: reencryptFix(secret),
    });
  }
  return finding({
    status: 'PASS',
    message: `Encrypted with ${which} (allowed by configuration).`,
    evidence,
  });
}
