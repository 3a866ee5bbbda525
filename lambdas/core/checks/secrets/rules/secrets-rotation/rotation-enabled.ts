import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { rotationFinding } from '../../finding';
import type { SecretMetadata } from '../../ports';
import { rotationIntervalDays } from '../../rotation-interval';
import type { RotationSettings } from '../../rotation-settings';

/**
 * `rotation-enabled`: automatic rotation is on, with a schedule. A secret another AWS service owns
 * (an EventBridge connection's, an AppFlow connection's) cannot be given a rotation: SKIPPED.
 */
export function judgeEnabled(secret: SecretMetadata, settings: RotationSettings): Finding {
  const finding = (fields: FindingFields) => rotationFinding('rotation-enabled', secret.arn, fields);
  if (!secret.rotationEnabled && secret.owningService !== undefined) {
    return finding({
      status: 'SKIPPED',
      message: `Rotation is off, but the secret is owned by ${secret.owningService}, which manages its value: Secrets Manager rotation is not yours to turn on. Its age is judged by rotation-age.`,
      evidence: { rotationEnabled: false, owningService: secret.owningService },
    });
  }
  if (!secret.rotationEnabled) {
    return finding({
      status: 'FAIL',
      message: 'Automatic rotation is turned off.',
      evidence: { rotationEnabled: false },
      remediation: `Turn rotation on (aws secretsmanager rotate-secret --secret-id ${secret.name} with a rotation function or managed rotation), or tag the secret ${settings.exemptTagKey}=<reason> if it cannot rotate.`,
    });
  }
  const intervalDays = rotationIntervalDays(secret.rotationRules);
  const evidence = {
    rotationEnabled: true,
    intervalDays: intervalDays ?? null,
    scheduleExpression: secret.rotationRules?.scheduleExpression ?? null,
    maxAgeDays: settings.maxAgeDays,
  };
  if (intervalDays !== undefined && intervalDays > settings.maxAgeDays) {
    return finding({
      status: 'WARN',
      message: `Rotation runs every ${intervalDays} days, less often than the ${settings.maxAgeDays}-day maximum.`,
      evidence,
      remediation: `Shorten the rotation schedule to at most ${settings.maxAgeDays} days.`,
    });
  }
  return finding({ status: 'PASS', message: 'Automatic rotation is on.', evidence });
}
