import type { Suppression } from '../../../../config/images-schema';
import type { Finding } from '../../../../findings';
import { imageScansFinding } from '../../finding';
import { suppressionExpired } from '../../suppression';

/**
 * `suppressions`: a suppression past its `until` day no longer suppresses (its vulnerability counts
 * again) and is reported, WARN, so that it is renewed with a reason or removed.
 */
export function judgeSuppressions(suppressions: readonly Suppression[], now: Date): Finding[] {
  return suppressions.flatMap((s, index) =>
    suppressionExpired(s, now)
      ? [
          imageScansFinding('suppressions', `checks.image-scans.suppressions[${index}]`, {
            status: 'WARN',
            message: `The suppression of ${s.id}${s.repository === undefined ? '' : ` in ${s.repository}`} expired on ${s.until}: it no longer suppresses.`,
            remediation:
              'Fix the vulnerability and remove the suppression, or renew it with a new until date and a reason that still holds.',
            evidence: {
              id: s.id,
              reason: s.reason,
              until: s.until,
              ...(s.repository === undefined ? {} : { repository: s.repository }),
            },
          }),
        ]
      : [],
  );
}
