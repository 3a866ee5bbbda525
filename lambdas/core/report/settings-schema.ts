import { DeploymentWindowSchema } from '../config/gate-schema';
import { MutesSchema } from '../config/mutes-schema';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT } from '../config/place-schema';
import { ResourceSelectorSchema, SERVICE_NAME, SERVICE_NAME_HINT } from '../config/services-schema';
import { isTimeZone } from '../time-zone';
import * as z from '../zod';

/*
 * The report step's slice of the configuration: what the report of a run is built from, and nothing
 * else of the configuration. Computed at synth time from the validated configuration (`settings.ts`),
 * written into the state machine's definition as the report tasks' `settings`, and validated again
 * when the report step reads it, against this small schema (the configuration's own rules for each
 * value it shares with the configuration) instead of the whole configuration's.
 */

const NonEmpty = z.string().check(z.minLength(1));
const CheckIdSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a check id such as tls-endpoints'));

/** How an item is verified (`core/checklist/types.ts`), as far as the report judges and shows it. */
const VerificationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('check'), checkIds: z.array(CheckIdSchema).check(z.minLength(1)) }),
  z.strictObject({
    kind: z.literal('attestation'),
    key: NonEmpty,
    automationCandidate: z.optional(z.boolean()),
  }),
  z.strictObject({ kind: z.literal('gate'), what: NonEmpty, setting: NonEmpty }),
  z.strictObject({ kind: z.literal('signoff'), role: NonEmpty }),
  z.strictObject({ kind: z.literal('trigger'), triggerId: NonEmpty }),
  z.strictObject({ kind: z.literal('followup'), after: z.enum(['1h', '24h', '7d', 'quarterly']) }),
  z.strictObject({ kind: z.literal('informational') }),
]);

/** A checklist item as the report names it: its notes stay in the checklist, not in the report. */
const ReportItemSchema = z.strictObject({
  id: z
    .string()
    .check(
      z.regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/,
        'expected an item id such as security.waf-enabled',
      ),
    ),
  section: NonEmpty,
  group: NonEmpty,
  title: NonEmpty,
  verification: VerificationSchema,
});

/** What the report needs of a run's target: whose resources, whose sign-offs, which checks count. */
const TargetReportSchema = z.strictObject({
  /** The service's resources, for the scope evidence; absent: the whole account. */
  resources: z.optional(ResourceSelectorSchema),
  /** Whether account-wide findings count in the verdict. */
  accountFindings: z.enum(['block', 'report']),
  /** The roles that must sign off a gate that passes. */
  signoffRoles: z.array(z.string().check(z.minLength(1), z.maxLength(200))),
  /** The checks the target's settings enable: a gate judges every one of them. */
  checks: z.array(CheckIdSchema),
});

export const ReportSettingsSchema = z.strictObject({
  /** The checklist as the configuration resolves it (seed, minus disabled items, plus custom ones). */
  checklist: z.strictObject({
    version: NonEmpty,
    sections: z.array(z.strictObject({ id: NonEmpty, title: NonEmpty })),
    items: z.array(ReportItemSchema),
  }),
  /** The deployment window's time zone. */
  timezone: z.string().check(z.refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Paris')),
  warnBlocks: z.boolean(),
  requiredAttestations: z.array(NonEmpty),
  /** The deployment window. @default - none: any time */
  window: z.optional(DeploymentWindowSchema),
  /** The checks judged once per account (in a run's first region), as the catalogue says. */
  accountWideChecks: z.array(CheckIdSchema),
  signoffTimeoutMinutes: z.number().check(z.int(), z.gte(1), z.lte(10_080)),
  mutes: MutesSchema,
  /**
   * A run naming no configured service (the whole account, an environment's or an organization
   * account's posture). @default - absent when the configuration cannot resolve one
   */
  account: z.optional(TargetReportSchema),
  /** Each configured service in each environment it is deployed to. */
  services: z.record(
    z.string().check(z.regex(SERVICE_NAME, SERVICE_NAME_HINT)),
    z.record(z.string().check(z.regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT)), TargetReportSchema),
  ),
});
export type ReportSettings = z.output<typeof ReportSettingsSchema>;
export type TargetReportSettings = z.output<typeof TargetReportSchema>;
