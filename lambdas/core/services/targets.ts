import type { PreflightConfig } from '../config/schema';
import { IMPLICIT_ENVIRONMENT, IMPLICIT_SERVICE, resolveEnvironment } from './resolve';
import type { EnvironmentTarget } from './target';

/** One service in one environment, in one region: the unit a scheduled audit fans out over. */
export interface AuditTarget {
  readonly service: string;
  readonly environment: string;
  /** `undefined`: the account Preflight runs in. */
  readonly account?: string;
  /** `undefined`: the region Preflight runs in. */
  readonly region?: string;
}

function regionsOf(env: EnvironmentTarget): Array<string | undefined> {
  return env.regions.length === 0 ? [undefined] : [...env.regions];
}

/**
 * Every service × environment × region the configuration names, in a stable order; without services
 * every environment (or the account Preflight runs in) as the implicit service.
 */
export function listTargets(config: PreflightConfig): AuditTarget[] {
  const services = Object.entries(config.services);
  const pairs: Array<[string, string | undefined]> =
    services.length > 0
      ? services.flatMap(([name, service]) =>
          service.environments.map((env): [string, string] => [name, env]),
        )
      : Object.keys(config.environments).length > 0
        ? Object.keys(config.environments).map((env): [string, string] => [IMPLICIT_SERVICE, env])
        : [[IMPLICIT_SERVICE, undefined]];
  return pairs.flatMap(([service, envName]) => {
    const env = resolveEnvironment(config, envName);
    return regionsOf(env).map((region) => ({
      service,
      environment: envName ?? IMPLICIT_ENVIRONMENT,
      ...(env.account === undefined ? {} : { account: env.account }),
      ...(region === undefined ? {} : { region }),
    }));
  });
}
