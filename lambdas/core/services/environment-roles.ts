import type { OrganizationSettings } from '../config/organization-schema';
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

/** The member-account role in any account of the organization (its accounts are listed at run time). */
export function organizationRolePattern(organization: OrganizationSettings): string {
  return `arn:aws:iam::*:role/${organization.access.roleName}`;
}

/**
 * `aws:ResourceOrgPaths` patterns (`o-…/r-…/ou-…/` paths) of the accounts the organization names:
 * directly in a configured OU or root, or anywhere below one when child OUs are included.
 */
export function organizationPathPatterns(organization: OrganizationSettings): string[] {
  return organization.organizationalUnits.map((unit) =>
    organization.includeChildUnits ? `*/${unit}/*` : `*/${unit}/`,
  );
}
