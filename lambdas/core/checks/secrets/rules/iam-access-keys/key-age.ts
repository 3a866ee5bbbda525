import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { elapsedDays, wholeDays } from '../../../kit/time';
import { type AccessKeySettings, accessKeyResource } from '../../access-key-settings';
import { accessKeyFinding } from '../../finding';
import type { AccessKey, IamUser } from '../../ports';

/** An active key must be younger than `maxAgeDays`. */
export function evaluateKeyAge(
  user: IamUser,
  key: AccessKey,
  settings: AccessKeySettings,
  now: Date,
): Finding {
  const finding = (fields: FindingFields) =>
    accessKeyFinding('key-age', accessKeyResource(user, key), fields);
  if (key.createDate === undefined) {
    return finding({
      status: 'ERROR',
      message: 'Could not evaluate: IAM listed the key without a creation date.',
      remediation: `Inspect the key with aws iam list-access-keys --user-name ${user.userName} and run again.`,
    });
  }
  const ageDays = elapsedDays(key.createDate, now);
  const evidence = {
    userName: user.userName,
    accessKeyId: key.accessKeyId,
    createDate: key.createDate.toISOString(),
    ageDays: wholeDays(ageDays),
    maxAgeDays: settings.maxAgeDays,
  };
  if (ageDays > settings.maxAgeDays) {
    return finding({
      status: 'FAIL',
      message: `Active key is ${wholeDays(ageDays)} days old, beyond the ${settings.maxAgeDays}-day maximum.`,
      evidence,
      remediation: `Rotate it: create a second key for ${user.userName}, move its users over, deactivate then delete this one. Better, replace long-lived keys with roles (OIDC for CI).`,
    });
  }
  return finding({ status: 'PASS', message: `Active key is ${wholeDays(ageDays)} days old.`, evidence });
}
