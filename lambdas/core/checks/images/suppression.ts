import type { Suppression } from '../../config/images-schema';
import { DAY_MS } from '../kit/time';

/** A suppression applies through the whole of its `until` day (UTC), and no longer. */
export function suppressionExpired(suppression: Suppression, now: Date): boolean {
  return now.getTime() >= Date.parse(`${suppression.until}T00:00:00Z`) + DAY_MS;
}

/** The suppression that applies to a vulnerability of `repository` now, if any. */
export function activeSuppression(
  suppressions: readonly Suppression[],
  vulnerabilityId: string,
  repository: string,
  now: Date,
): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.id === vulnerabilityId &&
      (s.repository === undefined || s.repository === repository) &&
      !suppressionExpired(s, now),
  );
}
