import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import type { FindingFields } from '../kit/finding';
import { elapsedDays, wholeDays } from '../kit/time';
import { rotationFinding } from './finding';
import type { SecretMetadata } from './ports';
import { rotationIntervalDays } from './rotation-interval';

/** A rotation may finish up to a day late: Secrets Manager rotates any time within a day-long window. */
export const ROTATION_GRACE_DAYS = 1;

/** A rotation function normally finishes within minutes; a younger AWSPENDING version may still be running. */
export const ROTATION_IN_PROGRESS_HOURS = 1;

type RotationSettings = Pick<CheckSettings['secrets-rotation'], 'maxAgeDays' | 'exemptTagKey'>;

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

function judgeExemption(secret: SecretMetadata, tagKey: string, reason: string): Finding {
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

function judgeEnabled(secret: SecretMetadata, settings: RotationSettings): Finding {
  const finding = (fields: FindingFields) => rotationFinding('rotation-enabled', secret.arn, fields);
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

function judgeAge(secret: SecretMetadata, settings: RotationSettings, now: Date): Finding {
  const finding = (fields: FindingFields) => rotationFinding('rotation-age', secret.arn, fields);
  const reference = secret.lastRotatedDate ?? secret.createdDate;
  if (reference === undefined) {
    return finding({
      status: 'ERROR',
      message: 'Could not evaluate: Secrets Manager listed neither a last rotation nor a creation date.',
      remediation: 'Inspect the secret with aws secretsmanager describe-secret and run again.',
    });
  }
  // The secret's own schedule counts only while rotation is on; the stricter limit wins.
  const intervalDays = secret.rotationEnabled ? rotationIntervalDays(secret.rotationRules) : undefined;
  const scheduleLimit = intervalDays === undefined ? undefined : intervalDays + ROTATION_GRACE_DAYS;
  const limitDays =
    scheduleLimit === undefined ? settings.maxAgeDays : Math.min(scheduleLimit, settings.maxAgeDays);
  const limitSource = limitDays === settings.maxAgeDays ? 'maxAgeDays' : 'schedule';
  const ageDays = elapsedDays(reference, now);
  const neverRotated = secret.lastRotatedDate === undefined;
  const evidence = {
    [neverRotated ? 'createdDate' : 'lastRotatedDate']: reference.toISOString(),
    ageDays: wholeDays(ageDays),
    limitDays,
    limitSource,
  };
  const when = neverRotated
    ? `Never rotated; created ${wholeDays(ageDays)} days ago`
    : `Last rotated ${wholeDays(ageDays)} days ago`;
  if (ageDays > limitDays) {
    return finding({
      status: 'FAIL',
      message: `${when}, beyond the ${limitDays}-day limit (${limitSource}).`,
      evidence,
      remediation: `Rotate it now (aws secretsmanager rotate-secret --secret-id ${secret.name}) and find out why scheduled rotation did not keep it fresh.`,
    });
  }
  return finding({ status: 'PASS', message: `${when}, within ${limitDays} days.`, evidence });
}

function judgeLastRotation(secret: SecretMetadata, now: Date): Finding {
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

function judgeNextRotation(secret: SecretMetadata, now: Date): Finding {
  const finding = (fields: FindingFields) => rotationFinding('next-rotation', secret.arn, fields);
  const next = secret.nextRotationDate;
  if (next === undefined) {
    return finding({
      status: 'WARN',
      message: 'Rotation is on but no next rotation is scheduled.',
      remediation: `Check the rotation rules with aws secretsmanager describe-secret --secret-id ${secret.name} and apply them again.`,
    });
  }
  const overdueDays = elapsedDays(next, now);
  const evidence = { nextRotationDate: next.toISOString(), graceDays: ROTATION_GRACE_DAYS };
  if (overdueDays > ROTATION_GRACE_DAYS) {
    return finding({
      status: 'FAIL',
      message: `The next rotation was due ${wholeDays(overdueDays)} days ago: rotation is not happening.`,
      evidence: { ...evidence, overdueDays: wholeDays(overdueDays) },
      remediation:
        "Check the rotation function's logs and its permission to be invoked by Secrets Manager, then rotate the secret.",
    });
  }
  return finding({
    status: 'PASS',
    message: `Next rotation due ${next.toISOString().slice(0, 10)}.`,
    evidence,
  });
}
