import type { Finding } from '../../../../findings';
import { accessKeyResource } from '../../access-key-settings';
import { accessKeyFinding } from '../../finding';
import type { AccessKey, IamUser } from '../../ports';

/** An inactive key cannot sign requests, so neither its age nor its use is judged. */
export function inactiveKeyFinding(user: IamUser, key: AccessKey): Finding {
  return accessKeyFinding('key-status', accessKeyResource(user, key), {
    status: 'SKIPPED',
    message: `Key is ${key.status}; age and use are not judged.`,
    evidence: { userName: user.userName, accessKeyId: key.accessKeyId, status: key.status },
  });
}
