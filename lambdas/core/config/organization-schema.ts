import * as z from '../zod';
import { ExternalIdSchema, RegionSchema, RoleNameSchema } from './environments-schema';
import { ParentIdSchema } from './place-schema';

/*
 * `organization`: the scheduled posture audit also covers every ACTIVE account of some AWS
 * Organizations OUs, listed at run time (Preflight runs in the management account or, better, in an
 * account the management account delegated Organizations' list actions to). Each account is reached
 * through the member-account role deployed there (by StackSets), under one fixed name.
 */

/** The member-account role's default name (`lib/member-account-stack.ts`). */
export const DEFAULT_MEMBER_ROLE_NAME = 'preflight-audit';

export { ParentIdSchema } from './place-schema';

const unique = (values: readonly string[]) => new Set(values).size === values.length;

export const OrganizationSchema = z.strictObject({
  /** The OUs (or a root) whose accounts are audited. */
  organizationalUnits: z
    .array(ParentIdSchema)
    .check(z.minLength(1), z.maxLength(100), z.refine(unique, { message: 'expected each OU once' })),
  /** Also audit the accounts of every OU below them. @default true */
  includeChildUnits: z._default(z.boolean(), true),
  /** The regions audited in every account. */
  regions: z
    .array(RegionSchema)
    .check(z.minLength(1), z.maxLength(20), z.refine(unique, { message: 'expected each region once' })),
  /** The role assumed in each account: one name everywhere (StackSets deploy it so). */
  access: z.prefault(
    z.strictObject({
      /** @default "preflight-audit" */
      roleName: z._default(RoleNameSchema, DEFAULT_MEMBER_ROLE_NAME),
      externalId: z.optional(ExternalIdSchema),
    }),
    {},
  ),
});

export type OrganizationSettings = z.output<typeof OrganizationSchema>;
