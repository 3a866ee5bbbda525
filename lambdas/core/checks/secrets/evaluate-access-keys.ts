import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import type { FindingFields } from '../kit/finding';
import { elapsedDays, wholeDays } from '../kit/time';
import { accessKeyFinding } from './finding';
import type { AccessKey, AccessKeyUsage, IamUser } from './ports';

type AccessKeySettings = Pick<CheckSettings['iam-access-keys'], 'maxAgeDays' | 'unusedWarnDays'>;

/** How a key is named in findings: its user's ARN and the key id (an identifier, not a secret). */
export function accessKeyResource(user: IamUser, key: Pick<AccessKey, 'accessKeyId'>): string {
  return `${user.arn}/access-key/${key.accessKeyId}`;
}

/** An inactive key cannot sign requests, so neither its age nor its use is judged. */
export function inactiveKeyFinding(user: IamUser, key: AccessKey): Finding {
  return accessKeyFinding('key-status', accessKeyResource(user, key), {
    status: 'SKIPPED',
    message: `Key is ${key.status}; age and use are not judged.`,
    evidence: { userName: user.userName, accessKeyId: key.accessKeyId, status: key.status },
  });
}

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

/** An active key unused for `unusedWarnDays` (or never used since then) is probably not needed. */
export function evaluateKeyUsage(
  user: IamUser,
  key: AccessKey,
  usage: AccessKeyUsage,
  settings: AccessKeySettings,
  now: Date,
): Finding {
  const finding = (fields: FindingFields) =>
    accessKeyFinding('key-last-used', accessKeyResource(user, key), fields);
  const reference = usage.lastUsedDate ?? key.createDate;
  if (reference === undefined) {
    return finding({
      status: 'ERROR',
      message: 'Could not evaluate: the key was never used and IAM listed no creation date.',
      remediation: `Inspect the key with aws iam list-access-keys --user-name ${user.userName} and run again.`,
    });
  }
  const idleDays = elapsedDays(reference, now);
  const neverUsed = usage.lastUsedDate === undefined;
  const evidence = {
    userName: user.userName,
    accessKeyId: key.accessKeyId,
    lastUsedDate: usage.lastUsedDate?.toISOString() ?? null,
    ...(neverUsed ? { createDate: reference.toISOString() } : {}),
    lastUsedService: usage.serviceName ?? null,
    lastUsedRegion: usage.region ?? null,
    idleDays: wholeDays(idleDays),
    unusedWarnDays: settings.unusedWarnDays,
  };
  const story = neverUsed
    ? `Never used since it was created ${wholeDays(idleDays)} days ago`
    : `Last used ${wholeDays(idleDays)} days ago`;
  if (idleDays > settings.unusedWarnDays) {
    return finding({
      status: 'WARN',
      message: `${story}; unused keys only add risk.`,
      evidence,
      remediation: `Deactivate the key (aws iam update-access-key --user-name ${user.userName} --access-key-id ${key.accessKeyId} --status Inactive), wait to see that nothing breaks, then delete it.`,
    });
  }
  return finding({ status: 'PASS', message: `${story}.`, evidence });
}
