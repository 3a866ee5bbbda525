import { mapWithConcurrency } from '../../concurrency';
import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import { errorFinding } from '../kit/finding';
import {
  accessKeyResource,
  evaluateKeyAge,
  evaluateKeyUsage,
  inactiveKeyFinding,
} from './evaluate-access-keys';
import { accessKeyFinding } from './finding';
import type { AccessKey, IamUser, SecretsPorts } from './ports';

/** Users examined at once. IAM's API rate is account-wide and low, so keep the fan-out small. */
export const IAM_USER_CONCURRENCY = 4;

/**
 * Walks every user's access keys. A failure to list the users stops the check (thrown); a
 * failure for one user or one key becomes an ERROR finding there and the others still report.
 */
export async function auditAccessKeys(
  ports: Pick<SecretsPorts, 'listUsers' | 'listAccessKeys' | 'getAccessKeyLastUsed'>,
  settings: CheckSettings['iam-access-keys'],
  now: Date,
): Promise<Finding[]> {
  const users = await ports.listUsers();
  const perUser = await mapWithConcurrency(users, IAM_USER_CONCURRENCY, async (user) => {
    let keys: AccessKey[];
    try {
      keys = await ports.listAccessKeys(user.userName);
    } catch (error) {
      return [
        errorFinding(accessKeyFinding, 'list-access-keys', user.arn, error, { userName: user.userName }),
      ];
    }
    const findings: Finding[] = [];
    // A user has at most two keys, so they are looked at one after the other.
    for (const key of keys) findings.push(...(await auditKey(ports, user, key, settings, now)));
    return findings;
  });
  return perUser.flat();
}

async function auditKey(
  ports: Pick<SecretsPorts, 'getAccessKeyLastUsed'>,
  user: IamUser,
  key: AccessKey,
  settings: CheckSettings['iam-access-keys'],
  now: Date,
): Promise<Finding[]> {
  if (key.status !== 'Active') return [inactiveKeyFinding(user, key)];
  const age = evaluateKeyAge(user, key, settings, now);
  try {
    const usage = await ports.getAccessKeyLastUsed(key.accessKeyId);
    return [age, evaluateKeyUsage(user, key, usage, settings, now)];
  } catch (error) {
    const resource = accessKeyResource(user, key);
    return [
      age,
      errorFinding(accessKeyFinding, 'key-last-used', resource, error, { accessKeyId: key.accessKeyId }),
    ];
  }
}
