import type { Finding } from '../../findings';
import type { SecretMetadata } from './ports';
import type { RotationSettings } from './rotation-settings';
import { judgeExemption } from './rules/secrets-rotation/exemption';
import { judgeLastRotation } from './rules/secrets-rotation/last-rotation';
import { judgeNextRotation } from './rules/secrets-rotation/next-rotation';
import { judgeReplica } from './rules/secrets-rotation/replica';
import { judgeAge } from './rules/secrets-rotation/rotation-age';
import { judgeEnabled } from './rules/secrets-rotation/rotation-enabled';

export { ROTATION_GRACE_DAYS, ROTATION_IN_PROGRESS_HOURS } from './rotation-interval';

/**
 * Judges one secret's rotation: an exemption tag replaces every other rule, and a replica is
 * judged at its primary; otherwise rotation must be on (unless another AWS service owns the secret), recent enough, not stuck half-way, and not overdue.
 */
export function evaluateSecretRotation(
  secret: SecretMetadata,
  settings: RotationSettings,
  now: Date,
): Finding[] {
  const key = settings.exemptTagKey;
  if (Object.hasOwn(secret.tags, key)) return [judgeExemption(secret, key, secret.tags[key] ?? '')];
  if (secret.replicaOf !== undefined) return [judgeReplica(secret, secret.replicaOf)];
  return [
    judgeEnabled(secret, settings),
    judgeAge(secret, settings, now),
    judgeLastRotation(secret, now),
    ...(secret.rotationEnabled ? [judgeNextRotation(secret, now)] : []),
  ];
}
