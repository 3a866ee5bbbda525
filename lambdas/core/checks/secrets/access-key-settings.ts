import type { CheckSettings } from '../../config/schema';
import type { AccessKey, IamUser } from './ports';

/** The iam-access-keys settings its rules read. */
export type AccessKeySettings = Pick<CheckSettings['iam-access-keys'], 'maxAgeDays' | 'unusedWarnDays'>;

/** How a key is named in findings: its user's ARN and the key id (an identifier, not a secret). */
export function accessKeyResource(user: IamUser, key: Pick<AccessKey, 'accessKeyId'>): string {
  return `${user.arn}/access-key/${key.accessKeyId}`;
}
