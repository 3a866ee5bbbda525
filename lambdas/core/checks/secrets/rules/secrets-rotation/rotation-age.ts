import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { elapsedDays, wholeDays } from '../../../kit/time';
import { rotationFinding } from '../../finding';
import type { SecretMetadata } from '../../ports';
import { ROTATION_GRACE_DAYS, rotationIntervalDays } from '../../rotation-interval';
import type { RotationSettings } from '../../rotation-settings';

/** `rotation-age`: the last rotation (or creation) is within maxAgeDays and the schedule, plus a day of grace. */
export function judgeAge(secret: SecretMetadata, settings: RotationSettings, now: Date): Finding {
  const finding = (fields: FindingFields) => rotationFinding('rotation-age', secret.arn, fields);
  // A secret another service owns, without rotation, is renewed by that service writing a new
  // value (an EventBridge connection updated with a new API key): its last change is its rotation.
  const ownedWithoutRotation = secret.owningService !== undefined && !secret.rotationEnabled;
  const reference = ownedWithoutRotation
    ? (secret.lastRotatedDate ?? secret.lastChangedDate ?? secret.createdDate)
    : (secret.lastRotatedDate ?? secret.createdDate);
  const referenceField =
    reference === secret.lastRotatedDate
      ? 'lastRotatedDate'
      : reference === secret.createdDate
        ? 'createdDate'
        : 'lastChangedDate';
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
  const evidence = {
    [referenceField]: reference.toISOString(),
    ageDays: wholeDays(ageDays),
    limitDays,
    limitSource,
    ...(secret.owningService === undefined ? {} : { owningService: secret.owningService }),
  };
  const when =
    referenceField === 'lastRotatedDate'
      ? `Last rotated ${wholeDays(ageDays)} days ago`
      : referenceField === 'lastChangedDate'
        ? `Last changed by ${secret.owningService} ${wholeDays(ageDays)} days ago`
        : `Never rotated; created ${wholeDays(ageDays)} days ago`;
  if (ageDays > limitDays) {
    return finding({
      status: 'FAIL',
      message: `${when}, beyond the ${limitDays}-day limit (${limitSource}).`,
      evidence,
      remediation: ownedWithoutRotation
        ? `Renew the credentials through ${secret.owningService}, which owns this secret (for an EventBridge connection: aws events update-connection with the new key); Secrets Manager refuses direct changes to it.`
        : `Rotate it now (aws secretsmanager rotate-secret --secret-id ${secret.name}) and find out why scheduled rotation did not keep it fresh.`,
    });
  }
  return finding({ status: 'PASS', message: `${when}, within ${limitDays} days.`, evidence });
}
