import type { Finding } from '../../../../findings';
import { accessKeyFinding } from '../../finding';
import type { IamUser } from '../../ports';

/**
 * `root-keys`: the root user has no access key. A root key signs any request in the account and no
 * IAM policy or permissions boundary limits it (only an organization's SCPs do), so its mere
 * existence fails, whatever its age: there is nothing to rotate it to.
 */
export function evaluateRootKeys(root: IamUser, keysPresent: number): Finding {
  const evidence = { accountAccessKeysPresent: keysPresent };
  if (keysPresent > 0) {
    return accessKeyFinding('root-keys', root.arn, {
      status: 'FAIL',
      message: `The root user has ${keysPresent === 1 ? 'an access key' : `${keysPresent} access keys`}: whoever holds it controls the whole account, beyond the reach of any IAM policy.`,
      evidence,
      remediation:
        "Delete the root user's access keys: find what still signs with them (CloudTrail events whose userIdentity.type is Root), move it to an IAM role, then sign in as the root user and delete the keys under Security credentials. AWS cannot rotate them for you, and a root key should not exist at all.",
    });
  }
  return accessKeyFinding('root-keys', root.arn, {
    status: 'PASS',
    message: 'The root user has no access key.',
    evidence,
  });
}
