import * as z from '../zod';
import { AccountIdSchema, ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT, RegionSchema } from './place-schema';

/*
 * Where a service runs (`environments` in the configuration): an account, its regions, and how
 * Preflight reaches it. Parsing is idempotent (the parsed form parses again to itself), because the
 * state machines embed the parsed configuration and the functions validate it again.
 */

export {
  AccountIdSchema,
  ENVIRONMENT_NAME,
  ENVIRONMENT_NAME_HINT,
  RegionSchema,
} from './place-schema';

const RoleArnSchema = z
  .string()
  .check(
    z.regex(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
      'expected an IAM role ARN such as arn:aws:iam::444455556666:role/preflight-audit',
    ),
  );
export const RoleNameSchema = z
  .string()
  .check(z.regex(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name such as preflight-audit'));
/**
 * STS accepts 2-1224 characters of `[\w+=,.@:/-]`; the member-account stack's `ExternalId` parameter
 * takes at most 256 (its trust policy must stay within IAM's size limit), so longer ones could never
 * be deployed there.
 */
export const MAX_EXTERNAL_ID = 256;
export const ExternalIdSchema = z
  .string()
  .check(
    z.regex(
      new RegExp(`^[\\w+=,.@:/-]{2,${MAX_EXTERNAL_ID}}$`),
      `expected an external id of 2-${MAX_EXTERNAL_ID} letters, digits or +=,.@:/-`,
    ),
  );

/**
 * How Preflight reaches the environment's account: with its own role (`"same-account"`), or by
 * assuming a role there (the member-account role; see `lib/member-account-stack.ts`), by ARN or by
 * name in the environment's account, with the external id the role's trust policy requires. A watch
 * that rolls back there does so through a second role, `rollbackRoleName`, in the same account and
 * with the same external id: the audit role stays read-only.
 */
export const AccessSchema = z.union(
  [
    z.literal('same-account'),
    z
      .strictObject({
        roleArn: z.optional(RoleArnSchema),
        roleName: z.optional(RoleNameSchema),
        externalId: z.optional(ExternalIdSchema),
        /**
         * The role a watch's rollback action runs as in the environment's account (the member-account
         * stack's optional rollback role, `preflight-rollback` by default there). Required once a
         * service's watch in this environment has a rollback action other than `none`.
         * @default - no rollback role: watches here may only use `rollback.action: "none"`
         */
        rollbackRoleName: z.optional(RoleNameSchema),
      })
      .check(
        z.refine((a) => (a.roleArn === undefined) !== (a.roleName === undefined), {
          message: 'expected exactly one of roleArn or roleName',
        }),
      ),
  ],
  { error: 'expected "same-account" or { roleArn | roleName, externalId }' },
);

export const EnvironmentSchema = z
  .strictObject({
    /** The environment's account. @default the account Preflight runs in */
    account: z.optional(AccountIdSchema),
    /** One region (the same as `regions: [region]`). */
    region: z.optional(RegionSchema),
    /** Every region the environment runs in. @default the region Preflight runs in */
    regions: z.optional(
      z.array(RegionSchema).check(
        z.minLength(1),
        z.maxLength(20),
        // A region written twice would be audited twice: every finding there counted twice.
        z.refine((regions) => new Set(regions).size === regions.length, 'expected each region once'),
      ),
    ),
    /** How Preflight reaches the account. @default "same-account" */
    access: z._default(AccessSchema, 'same-account'),
    /**
     * Where a watch reads the environment's metrics: `"access"` through the environment's access (its
     * role, or Preflight's own credentials), or `"observability"` from Preflight's own account when it
     * is a CloudWatch cross-account observability monitoring account linked to this one (the queries
     * name the environment's `account`). @default "access"
     */
    metricsVia: z._default(z.enum(['access', 'observability']), 'access'),
  })
  .check(
    z.refine((e) => e.region === undefined || e.regions === undefined, {
      message: 'expected either region or regions, not both',
      path: ['regions'],
    }),
    z.refine(
      (e) => e.access === 'same-account' || e.access.roleArn !== undefined || e.account !== undefined,
      {
        message: 'expected account when access names a role by roleName (the role is in that account)',
        path: ['access', 'roleName'],
      },
    ),
    z.refine(
      (e) =>
        e.access === 'same-account' ||
        e.access.roleArn === undefined ||
        e.account === undefined ||
        e.access.roleArn.split(':')[4] === e.account,
      {
        message:
          "expected a role in the environment's own account: the account in roleArn differs from account",
        path: ['access', 'roleArn'],
      },
    ),
    z.refine((e) => e.metricsVia !== 'observability' || e.account !== undefined, {
      message:
        'expected account with metricsVia "observability": the metric queries name the account whose metrics they read',
      path: ['metricsVia'],
    }),
  );

export type EnvironmentSettings = z.output<typeof EnvironmentSchema>;

export const EnvironmentsSchema = z._default(
  z.record(z.string().check(z.regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT)), EnvironmentSchema),
  {},
);
