import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { rotationFinding } from '../../finding';
import type { SecretMetadata } from '../../ports';

/** `exemption`: a secret tagged exempt is skipped with the tag's reason; an empty reason warns. */
export function judgeExemption(secret: SecretMetadata, tagKey: string, reason: string): Finding {
  const finding = (fields: FindingFields) => rotationFinding('exemption', secret.arn, fields);
  if (reason.trim() === '') {
    return finding({
      status: 'WARN',
      message: `Exempt from rotation by tag ${tagKey}, but the exemption needs a reason.`,
      evidence: { tagKey, reason },
      remediation: `Set the ${tagKey} tag's value to why this secret cannot rotate (a ticket or owner), or remove the tag and turn rotation on.`,
    });
  }
  return finding({
    status: 'SKIPPED',
    message: `Exempt from rotation: ${reason.trim()}`,
    evidence: { tagKey, reason: reason.trim() },
  });
}
