import * as z from '../zod';

/*
 * Who may act through the control endpoint is configured as IAM principal ARN patterns: a role, a
 * user, an account root, or an assumed-role session. `*` matches within one ARN segment. Matching is
 * in `core/control/principal.ts`.
 */

/** `*` alone: every principal that IAM lets invoke the control URL. */
export const EVERYONE = '*';

const PATTERN =
  /^arn:(aws[a-z-]*|\*):(iam|sts)::(\d{12}|\*):(root|(role|user)\/\S+|assumed-role\/[^/\s]+\/\S+)$/;

/** A role or user ARN with a path: its prefix, its path, its name. */
export const PATHED = /^(arn:[^:]+:iam::[^:]+:(?:role|user)\/)(.*\/)([^/]+)$/;

const PATTERN_HINT =
  'expected an IAM principal ARN pattern such as arn:aws:iam::111122223333:role/Approvers ' +
  '(or a session arn:aws:sts::111122223333:assumed-role/Approvers/ana), "*" matching within one segment';

/**
 * One principal pattern: an IAM role, user or root ARN, or a role session. A path may not narrow a
 * wildcard name: session ARNs carry no path, so `role/team/*` would match every role of the account.
 */
export const PrincipalPatternSchema = z.string().check(
  z.regex(PATTERN, PATTERN_HINT),
  z.refine(
    (pattern) => !(PATHED.exec(pattern)?.[3] ?? '').includes('*'),
    'expected no path before a wildcard name (role sessions carry no path, so it would match every role): name the roles, or use a name prefix such as role/team-*',
  ),
);

/** A principal pattern, or `*` for everyone IAM lets invoke the control URL. */
export const PrincipalPatternOrEveryoneSchema = z.string().check(
  z.superRefine((pattern, ctx) => {
    if (pattern === EVERYONE) return;
    for (const issue of PrincipalPatternSchema.safeParse(pattern).error?.issues ?? []) {
      ctx.addIssue({
        code: 'custom',
        input: pattern,
        message: `${issue.message}; or "*" for everyone allowed to invoke the control URL`,
      });
    }
  }),
);
