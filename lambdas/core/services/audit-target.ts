import type { PreflightConfig } from '../config/schema';
import { resolveTarget, type TargetRequest } from './resolve';
import type { ServiceTarget } from './target';

/** The whole account Preflight (or the caller) runs in, with the configuration's own settings. */
export function wholeAccountTarget(config: PreflightConfig, service?: string): ServiceTarget {
  return resolveTarget(
    { ...config, services: {}, environments: {} },
    service === undefined ? {} : { service },
  );
}

/**
 * The target a gate or audit judges. A request naming a service or an environment is resolved
 * against the configuration (`TargetError` when it does not fit). A request naming neither judges
 * the whole account as before services existed, when no services are configured or when
 * `wholeAccountAllowed` (the scheduled audit of Preflight's own account); otherwise it is refused
 * with the services it could have named.
 * @throws TargetError
 */
export function resolveAuditTarget(
  config: PreflightConfig,
  request: TargetRequest,
  options: { readonly wholeAccountAllowed?: boolean } = {},
): ServiceTarget {
  const named = request.service !== undefined || request.environment !== undefined;
  const services = Object.keys(config.services).length > 0;
  if (!named && (!services || options.wholeAccountAllowed === true)) return wholeAccountTarget(config);
  if (!services && request.environment === undefined) return wholeAccountTarget(config, request.service);
  return resolveTarget(config, request);
}
