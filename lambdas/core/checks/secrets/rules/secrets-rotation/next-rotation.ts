import type { Finding } from '../../../../findings';
import type { FindingFields } from '../../../kit/finding';
import { elapsedDays, wholeDays } from '../../../kit/time';
import { rotationFinding } from '../../finding';
import type { SecretMetadata } from '../../ports';
import { ROTATION_GRACE_DAYS } from '../../rotation-interval';

/** `next-rotation`: the next scheduled rotation is not overdue beyond the day of grace. */
export function judgeNextRotation(secret: SecretMetadata, now: Date): Finding {
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
