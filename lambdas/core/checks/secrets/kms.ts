/**
 * Whether a KMS key reference names an AWS managed key. AWS reserves the `alias/aws/` prefix for
 * its managed keys; an absent reference means the service's default AWS managed key. A key ARN
 * or key id cannot be told apart from the reference alone: `false` here means "not known to be AWS
 * managed", and only DescribeKey's `KeyManager` says which it is.
 */
export function isAwsManagedKey(keyId: string | undefined): boolean {
  if (keyId === undefined || keyId === '') return true;
  return /(^|:)alias\/aws\//.test(keyId);
}
