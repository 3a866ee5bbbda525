import * as z from '../zod';

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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = (value: string) =>
  ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
const IsoDate = z
  .string()
  .check(z.refine(isCalendarDate, 'expected a calendar date as YYYY-MM-DD (UTC), e.g. 2026-12-31'));

/**
 * What a mute covers: an ARN (exact), a glob over ARNs (`*` any run of characters, `?` one) that
 * starts with a literal part, or `tag:Key=Value` (a resource in the service's scope by that tag).
 */
const MuteResource = z.string().check(
  z.minLength(1),
  z.maxLength(2048),
  z.refine(
    (value) => (value.startsWith('tag:') ? /^tag:[^=]{1,128}=.{0,256}$/.test(value) : /^[^*?]/.test(value)),
    'expected an ARN, a glob that starts with a literal part (e.g. arn:aws:rds:eu-west-1:123456789012:db:legacy-*), or tag:Key=Value; a pattern that starts with a wildcard would mute everything',
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
  z.array(MuteSchema).check(z.maxLength(MAX_MUTES, `expected at most ${MAX_MUTES} mutes`)),
  [],
);

export type Mute = z.output<typeof MuteSchema>;
