import { isCalendarDay } from '../calendar-day';
import * as z from '../zod';
import { eachOnce } from './listed-once';

/*
 * Mutes: a known exception that must neither fail the daily audit forever nor be hidden forever.
 * Only the configuration holds them (never the gate's input): whoever may change the deployed
 * configuration may mute, nobody else. Whether `check` names a check is checked with the other
 * names (`core/mutes/problems.ts`); how a mute applies is `core/mutes/apply.ts`.
 */

/** The longest reason kept: enough to say why and link the ticket, short enough for every report. */
export const MAX_MUTE_REASON = 500;
/** The most mutes a configuration holds. */
export const MAX_MUTES = 200;

const IsoDate = z
  .string()
  .check(z.refine(isCalendarDay, 'expected a calendar date as YYYY-MM-DD (UTC), e.g. 2026-12-31'));

/**
 * The literal part of an ARN glob (before its first `*` or `?`) names the ARN up to its resource:
 * `arn`, partition, service, region and account as the ARN has them (region and account may be
 * empty, as in S3's and IAM's), then at least the start of the resource. Every ARN starts with `arn:`,
 * so a glob with only that (`arn:*`, `arn:aws:acm:*`, a wildcard account) would mute a whole check.
 */
const ARN_GLOB_LITERAL = /^arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:[^*?]/;

/** A glob (it has a wildcard) names something narrower than a whole check. */
function narrowGlob(value: string): boolean {
  if (!/[*?]/.test(value)) return true;
  if (/^[*?]/.test(value)) return false;
  // `a*`, `ar?:…` would match every ARN as surely as `arn:*`.
  return 'arn:'.startsWith(value.slice(0, 4).replace(/[*?].*$/, '')) ? ARN_GLOB_LITERAL.test(value) : true;
}

/**
 * What a mute covers: an ARN (exact), a glob over ARNs (`*` any run of characters, `?` one) whose
 * literal part names the ARN up to its resource, or `tag:Key=Value` (a resource in the service's scope
 * by that tag).
 */
const MuteResource = z.string().check(
  z.minLength(1),
  z.maxLength(2048),
  z.refine(
    (value) => value.startsWith('tag:') || !/^[*?]/.test(value),
    'expected an ARN, a glob that starts with a literal part (e.g. arn:aws:rds:eu-west-1:123456789012:db:legacy-*), or tag:Key=Value; a pattern that starts with a wildcard would mute everything',
  ),
  z.refine(
    (value) => value.startsWith('tag:') || /^[*?]/.test(value) || narrowGlob(value),
    'expected a glob whose literal part names the ARN up to its resource (partition, service, region and account as the ARN has them, then the start of the resource, e.g. arn:aws:rds:eu-west-1:123456789012:db:legacy-*); a shorter one would mute a whole check',
  ),
  z.refine(
    (value) => !value.startsWith('tag:') || /^tag:[^=]{1,128}=.{0,256}$/.test(value),
    'expected tag:Key=Value',
  ),
);

export const MuteSchema = z
  .strictObject({
    /** The check whose findings it mutes, e.g. `database-backups`. */
    check: z.string().check(z.minLength(1)),
    resource: MuteResource,
    /** Why the exception is accepted (shown in every report that it mutes). */
    reason: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'expected a reason: why the exception is accepted'),
        z.maxLength(MAX_MUTE_REASON, `expected a reason of at most ${MAX_MUTE_REASON} characters`),
      ),
    /** The last day (UTC) it mutes; from the next day it is reported as expired and mutes nothing. */
    until: IsoDate,
    /** When it was granted, for the quarterly review's age of each mute. @default the first gate it muted */
    since: z.optional(IsoDate),
  })
  .check(
    z.refine((mute) => mute.since === undefined || mute.since <= mute.until, {
      path: ['since'],
      message: 'expected since to be on or before until',
    }),
  );

export const MutesSchema = z._default(
  z.array(MuteSchema).check(
    z.maxLength(MAX_MUTES, `expected at most ${MAX_MUTES} mutes`),
    // Two mutes of one resource by one check: only one would ever apply, its reason and date hiding the other's.
    eachOnce('mute of a check and resource', (mute) => JSON.stringify([mute.check, mute.resource])),
  ),
  [],
);

export type Mute = z.output<typeof MuteSchema>;
