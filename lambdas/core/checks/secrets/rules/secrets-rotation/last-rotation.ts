import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { elapsedDays } from '../../../kit/time';
import { rotationFinding } from '../../finding';
import type { SecretMetadata } from '../../ports';
import { ROTATION_IN_PROGRESS_HOURS } from '../../rotation-interval';

/** `last-rotation`: no rotation left half-done (an AWSPENDING version older than a rotation takes). */
export function judgeLastRotation(secret: SecretMetadata, now: Date): Finding {
  const finding = (fields: FindingFields) => rotationFinding('last-rotation', secret.arn, fields);
  const versions = Object.entries(secret.versionStages);
  if (versions.length === 0) {
    return finding({
      status: 'SKIPPED',
      message: 'The secret has no versions yet, so there is no rotation to judge.',
    });
  }
  // AWSPENDING without AWSCURRENT is a new version the rotation function never finished promoting.
  const pending = versions
    .filter(([, stages]) => stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT'))
    .map(([versionId]) => versionId);
  if (pending.length === 0) {
    return finding({ status: 'PASS', message: 'No rotation left half-done (no stray AWSPENDING version).' });
  }
  const evidence = {
    pendingVersionIds: pending,
    lastChangedDate: secret.lastChangedDate?.toISOString() ?? null,
  };
  const changedHoursAgo =
    secret.lastChangedDate === undefined ? undefined : elapsedDays(secret.lastChangedDate, now) * 24;
  if (changedHoursAgo !== undefined && changedHoursAgo < ROTATION_IN_PROGRESS_HOURS) {
    return finding({
      status: 'WARN',
      message: 'A rotation seems to be in progress (an AWSPENDING version appeared within the hour).',
      evidence,
      remediation:
        'Run the check again in an hour; if the AWSPENDING version is still there, rotation is stuck.',
    });
  }
  return finding({
    status: 'FAIL',
    message: `Rotation is stuck: version ${pending.join(', ')} is AWSPENDING but never became AWSCURRENT.`,
    evidence,
    remediation:
      "Read the rotation function's CloudWatch logs, fix the failing step, then rotate again; to abandon the attempt, remove the AWSPENDING label (aws secretsmanager update-secret-version-stage).",
  });
}
