import type { EnvironmentTarget } from '../services/target';

/*
 * The account of an environment, on its own: the watch's step functions need it at run time, and the
 * module of every watch target (`targets.ts`) brings the configuration schema with it.
 */

/** The environment's account: named, else the account of its role; `undefined` for Preflight's own. */
export function accountOf(environment: EnvironmentTarget): string | undefined {
  return environment.account ?? environment.role?.arn.split(':')[4];
}
