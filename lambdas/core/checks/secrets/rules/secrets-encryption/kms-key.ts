import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { encryptionFinding } from '../../finding';
import { isAwsManagedKey } from '../../kms';
import type { SecretMetadata } from '../../ports';

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

/**
 * Judges which KMS key encrypts a secret. The AWS managed key `aws/secretsmanager` cannot be
 * shared across accounts, have its key policy narrowed or be disabled in an emergency; a
 * customer managed key can. A key ARN is taken to be customer managed (see {@link isAwsManagedKey}).
 */
export function evaluateSecretEncryption(
  secret: SecretMetadata,
  settings: Pick<CheckSettings['secrets-encryption'], 'requireCustomerManagedKey'>,
): Finding {
  const finding = (fields: FindingFields) => encryptionFinding('kms-key', secret.arn, fields);
  const kmsKeyId = secret.kmsKeyId ?? null;
  if (!isAwsManagedKey(secret.kmsKeyId)) {
    return finding({
      status: 'PASS',
      message: 'Encrypted with a customer managed KMS key.',
      evidence: { kmsKeyId, keyType: 'customer-managed (assumed from a key ARN, not verified)' },
    });
  }
  const evidence = {
    kmsKeyId: kmsKeyId ?? 'alias/aws/secretsmanager (default)',
    keyType: 'aws-managed',
    requireCustomerManagedKey: settings.requireCustomerManagedKey,
  };
  if (settings.requireCustomerManagedKey) {
    return finding({
      status: 'FAIL',
      message: 'Encrypted with the AWS managed key aws/secretsmanager, not a customer managed key.',
      evidence,
      remediation: reencryptFix(secret),
    });
  }
  return finding({
    status: 'PASS',
    message: 'Encrypted with the AWS managed key aws/secretsmanager (allowed by configuration).',
    evidence,
  });
}
