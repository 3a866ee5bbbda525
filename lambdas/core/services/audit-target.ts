import type { PreflightConfig } from '../config/schema';
import { didYouMean } from '../suggest';
import { resolveTarget, TargetError, type TargetRequest } from './resolve';
import type { ServiceTarget } from './target';

/** A run's target as its input names it: a service and environment, or an account of the organization. */
export interface AuditTargetRequest extends TargetRequest {
  /** A scheduled posture audit of one account of `organization` (its member-account role assumed). */
  readonly account?: string;
}

/** The environment name an organization account's reports carry. */
export const ORGANIZATION_ENVIRONMENT = 'organization';

/** The whole account Preflight (or the caller) runs in, with the configuration's own settings. */
export function wholeAccountTarget(config: PreflightConfig, service?: string): ServiceTarget {
  return resolveTarget(
    { ...config, services: {}, environments: {} },
    service === undefined ? {} : { service },
  );
}

/**
 * The posture of one account of the organization: the whole account (no service's scope), in the
 * organization's regions, reached through the member-account role named by `organization.access`.
 * Whether the account belongs to the configured OUs is not known here: the role's trust policy and
 * the check function's `aws:ResourceOrgPaths` condition decide that, so an account outside them
 * cannot be reached (an ERROR), never audited.
 * @throws TargetError when no organization is configured.
 */
export function organizationAccountTarget(config: PreflightConfig, account: string): ServiceTarget {
  const organization = config.organization;
  if (organization === undefined) {
    throw new TargetError(
      `account: ${account} is named, but no organization is configured; an account is named only by the scheduled audit of organization.organizationalUnits`,
    );
  }
  return resolveTarget(
    {
      ...config,
      services: {},
      environments: {
        [ORGANIZATION_ENVIRONMENT]: {
          account,
          regions: organization.regions,
          // An organization account is audited, never watched: no metrics are read there.
          metricsVia: 'access',
          access: {
            roleName: organization.access.roleName,
            ...(organization.access.externalId === undefined
              ? {}
              : { externalId: organization.access.externalId }),
          },
        },
      },
    },
    { environment: ORGANIZATION_ENVIRONMENT },
  );
}

/** The whole account of a configured environment (the posture audit of it), no service's scope. */
function environmentPostureTarget(config: PreflightConfig, environment: string): ServiceTarget {
  const known = Object.keys(config.environments);
  if (!known.includes(environment)) {
    throw new TargetError(
      known.length === 0
        ? `unknown environment "${environment}"; no environments are configured`
        : `unknown environment "${environment}"; expected one of ${known.join(', ')}${didYouMean(environment, known)}`,
    );
  }
  return resolveTarget({ ...config, services: {} }, { environment });
}

/**
 * The target a gate or audit judges. A request naming a service or an environment is resolved
 * against the configuration (`TargetError` when it does not fit). A request naming neither judges
 * the whole account as before services existed, when no services are configured or when
 * `wholeAccountAllowed` (the scheduled posture audit); otherwise it is refused with the services it
 * could have named. With `wholeAccountAllowed`, an environment alone is the posture of that
 * environment's whole account, and an account alone is an account of the organization.
 * @throws TargetError
 */
export function resolveAuditTarget(
  config: PreflightConfig,
  request: AuditTargetRequest,
  options: { readonly wholeAccountAllowed?: boolean } = {},
): ServiceTarget {
  const posture = options.wholeAccountAllowed === true;
  if (request.account !== undefined) {
    if (!posture) {
      throw new TargetError(
        'account: only the scheduled posture audit names an account; a gate names its service',
      );
    }
    if (request.service !== undefined || request.environment !== undefined) {
      throw new TargetError(
        'account: names an account of the organization, not together with a service or environment',
      );
    }
    return organizationAccountTarget(config, request.account);
  }
  const named = request.service !== undefined || request.environment !== undefined;
  const services = Object.keys(config.services).length > 0;
  if (!named && (!services || posture)) return wholeAccountTarget(config);
  if (!services && request.environment === undefined) return wholeAccountTarget(config, request.service);
  if (posture && services && request.service === undefined && request.environment !== undefined) {
    return environmentPostureTarget(config, request.environment);
  }
  return resolveTarget(config, request);
}
