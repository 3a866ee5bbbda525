import type { CheckFamily } from '../../lambdas/core/checks/catalogue';

/*
 * Where each check family's function lives, by convention: a family in the registry
 * (`lambdas/core/checks/registry.ts`) has its handler at `lambdas/handlers/audit/checks/<family>.ts`
 * and a function `RunCheck<Family>` in the audit workflow.
 */

/** The handler module of `family`'s check function, relative to the repository root. */
export const checkFunctionEntry = (family: CheckFamily) => `lambdas/handlers/audit/checks/${family}.ts`;

/** The construct id of `family`'s check function, e.g. `RunCheckBackups`. */
export const checkFunctionId = (family: CheckFamily) =>
  `RunCheck${family.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}`;
