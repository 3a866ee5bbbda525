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
import { evaluateRootKeys } from './rules/iam-access-keys/root-keys';

type AccessKeyPorts = Pick<
  SecretsPorts,
  'listUsers' | 'listAccessKeys' | 'getAccessKeyLastUsed' | 'rootUser' | 'countRootAccessKeys'
>;

/** How the root user is named when even its account could not be told. */
const UNKNOWN_ROOT = 'root user (account unknown)';

/** Users examined at once. IAM's API rate is account-wide and low, so keep the fan-out small. */
export const IAM_USER_CONCURRENCY = 4;

/**
 * Judges the root user's access keys, then walks every user's. A failure to list the users, for the
 * root user, one user or one key becomes an ERROR finding there and the others still report.
 */
export async function auditAccessKeys(
  ports: AccessKeyPorts,
  settings: CheckSettings['iam-access-keys'],
  now: Date,
): Promise<Finding[]> {
  const [root, users] = await Promise.all([
    auditRootKeys(ports),
    auditUserKeys(ports, settings, now).catch(async (error: unknown) => [
      errorFinding(accessKeyFinding, 'list-users', await usersResource(ports), error),
    ]),
  ]);
  return [root, ...users];
}

/** The account's IAM users as one resource (`arn:…:iam::<account>:user/*`), for a listing that failed. */
async function usersResource(ports: Pick<AccessKeyPorts, 'rootUser'>): Promise<string> {
  try {
    return (await ports.rootUser()).arn.replace(/:root$/, ':user/*');
  } catch {
    return 'IAM users (account unknown)';
  }
}

/** The root user's keys, from the account summary: never a PASS when it cannot be read. */
async function auditRootKeys(ports: Pick<AccessKeyPorts, 'rootUser' | 'countRootAccessKeys'>) {
  let resource = UNKNOWN_ROOT;
  try {
    const root = await ports.rootUser();
    resource = root.arn;
    return evaluateRootKeys(root, await ports.countRootAccessKeys());
  } catch (error) {
    return errorFinding(accessKeyFinding, 'root-keys', resource, error);
  }
}

async function auditUserKeys(
  ports: AccessKeyPorts,
  settings: CheckSettings['iam-access-keys'],
  now: Date,
): Promise<Finding[]> {
  const users = await ports.listUsers();
  const perUser = await mapWithConcurrency(users, IAM_USER_CONCURRENCY, async (user) => {
    let keys: AccessKey[];
    try {
      keys = await ports.listAccessKeys(user);
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
