import type { SecretMetadata } from './ports';

const RATE = /^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$/;

/**
 * The secret's own rotation interval in days, when it can be known: `AutomaticallyAfterDays`
 * (which Secrets Manager fills in from the schedule), else a `rate()` expression. A `cron()`
 * schedule has no fixed interval, so the result is undefined and the global maximum applies.
 */
export function rotationIntervalDays(rules: SecretMetadata['rotationRules']): number | undefined {
  if (rules === undefined) return undefined;
  if (rules.automaticallyAfterDays !== undefined && rules.automaticallyAfterDays > 0) {
    return rules.automaticallyAfterDays;
  }
  const match = RATE.exec(rules.scheduleExpression?.trim() ?? '');
  if (match === null) return undefined;
  const amount = Number(match[1]);
  return match[2]?.startsWith('hour') ? amount / 24 : amount;
}

/** A rotation may finish up to a day late: Secrets Manager rotates any time within a day-long window. */
export const ROTATION_GRACE_DAYS = 1;

/** A rotation function normally finishes within minutes; a younger AWSPENDING version may still be running. */
export const ROTATION_IN_PROGRESS_HOURS = 1;
