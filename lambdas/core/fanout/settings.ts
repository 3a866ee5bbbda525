import {
  AccountIdSchema,
  ENVIRONMENT_NAME,
  ENVIRONMENT_NAME_HINT,
  ParentIdSchema,
  RegionSchema,
} from '../config/place-schema';
import * as z from '../zod';

/*
 * The fan-out's slice of the configuration: what the list step plans with, and nothing else of the
 * configuration. Computed at synth time from the validated configuration (`targets.ts`), written
 * into the state machine's definition, and validated again when the list step reads it, against
 * this small schema (the same rules as the configuration's for each value) instead of the whole
 * configuration's.
 */

const CheckIdSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a check id such as tls-endpoints'));

export const FanoutSettingsSchema = z.strictObject({
  /**
   * The account Preflight runs in (`home.account`), when configured: an environment naming no account
   * is in it, so the organization's listing of it is the same account, audited once.
   */
  home: z.optional(AccountIdSchema),
  /** Each configured environment, in the configuration's order; none: Preflight's own account. */
  environments: z.array(
    z.strictObject({
      name: z.string().check(z.regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT)),
      /** The environment's account, or the account of the role that reaches it. @default - Preflight's own */
      account: z.optional(AccountIdSchema),
      /** Its regions; none: the region Preflight runs in. */
      regions: z.array(RegionSchema),
    }),
  ),
  /** `organization`, when configured: the OUs whose accounts are listed and the regions audited. */
  organization: z.optional(
    z.strictObject({
      organizationalUnits: z.array(ParentIdSchema).check(z.minLength(1, 'expected at least one OU id')),
      includeChildUnits: z.boolean(),
      regions: z.array(RegionSchema).check(z.minLength(1, 'expected at least one region')),
    }),
  ),
  /** The checks a scheduled run covers, and those of them judged in every region (not account-wide). */
  checks: z.strictObject({
    enabled: z.array(CheckIdSchema),
    regionWide: z.array(CheckIdSchema),
  }),
});
export type FanoutSettings = z.output<typeof FanoutSettingsSchema>;
