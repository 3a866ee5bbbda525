import type { Finding } from '../../../../findings';
import { rotationFinding } from '../../finding';
import type { SecretMetadata } from '../../ports';

/**
 * `replica`: a replica secret cannot rotate (Secrets Manager refuses RotateSecret on it); the
 * primary rotates and its new value is replicated. Its rotation is judged at the primary, in the
 * primary's region, so the replica gets only this finding.
 */
export function judgeReplica(secret: SecretMetadata, primaryRegion: string): Finding {
  return rotationFinding('replica', secret.arn, {
    status: 'SKIPPED',
    message: `A replica of a secret in ${primaryRegion}: rotation runs on the primary and is judged there (audit ${primaryRegion}).`,
    evidence: { primaryRegion },
  });
}
