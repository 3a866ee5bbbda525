import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { elapsedDays, wholeDays } from '../../../kit/time';
import { type AccessKeySettings, accessKeyResource } from '../../access-key-settings';
import { accessKeyFinding } from '../../finding';
import type { AccessKey, AccessKeyUsage, IamUser } from '../../ports';

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
