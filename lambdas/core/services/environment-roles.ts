import type { PreflightConfig } from '../config/schema';
import { resolveEnvironment } from './resolve';

/**
 * The role ARNs the configured environments name, sorted and without duplicates: the only roles
 * Preflight's check function may assume (none when every environment is reached as the same account).
 */
export function environmentRoleArns(config: PreflightConfig): string[] {
  const arns = Object.keys(config.environments).flatMap((name) => {
    const role = resolveEnvironment(config, name).role;
    return role === undefined ? [] : [role.arn];
  });
  return [...new Set(arns)].sort();
}
