import type { Finding } from '../../findings';
import type { SecretMetadata } from './ports';
import type { RotationSettings } from './rotation-settings';
import { judgeExemption } from './rules/secrets-rotation/exemption';
import { judgeLastRotation } from './rules/secrets-rotation/last-rotation';
import { judgeNextRotation } from './rules/secrets-rotation/next-rotation';
import { judgeAge } from './rules/secrets-rotation/rotation-age';
import { judgeEnabled } from './rules/secrets-rotation/rotation-enabled';

export { ROTATION_GRACE_DAYS, ROTATION_IN_PROGRESS_HOURS } from './rotation-interval';

/**
 * Judges one secret's rotation: an exemption tag replaces every other rule; otherwise rotation
 * must be on, recent enough, not stuck half-way, and not overdue.
 */
export function evaluateSecretRotation(
  secret: SecretMetadata,
  settings: RotationSettings,
  now: Date,
): Finding[] {
  const key = settings.exemptTagKey;
  if (Object.hasOwn(secret.tags, key)) return [judgeExemption(secret, key, secret.tags[key] ?? '')];
  return [
    judgeEnabled(secret, settings),
    judgeAge(secret, settings, now),
    judgeLastRotation(secret, now),
    ...(secret.rotationEnabled ? [judgeNextRotation(secret, now)] : []),
  ];
}
