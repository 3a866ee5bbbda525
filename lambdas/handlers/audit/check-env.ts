import * as z from 'zod/mini';

/*
 * The check functions' environment, with the tree-shakeable zod/mini: these functions carry no other
 * schema, and the full zod would be a fifth of their bundle.
 */

/** What a check function needs: where to store results and the role that reaches other accounts. */
export const CheckEnvironmentSchema = z.object({
  POWERTOOLS_SERVICE_NAME: z.string().check(z.minLength(1)),
  REPORT_BUCKET: z.string().check(z.minLength(3)),
  /** Preflight's named role that member accounts trust; the check functions assume it first. */
  REACH_ROLE_ARN: z.string().check(z.startsWith('arn:')),
});
export type CheckEnvironment = z.output<typeof CheckEnvironmentSchema>;

let parsed: CheckEnvironment | undefined;

/** The check functions' environment, parsed once per execution environment; a missing variable fails loudly. */
export function checkEnvironment(): CheckEnvironment {
  parsed ??= CheckEnvironmentSchema.parse(process.env);
  return parsed;
}
