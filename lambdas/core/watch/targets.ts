import type { PreflightConfig } from '../config/schema';
import { IMPLICIT_SERVICE, resolveTarget, TargetError } from '../services/resolve';
import type { EnvironmentTarget, ServiceTarget } from '../services/target';
import { accountOf } from './environment-account';

/*
 * Every watch the configuration allows: one per service × environment (the implicit service in every
 * environment when no services are named). The stack grants from this list at synth time, and the
 * configuration's cross-section rules for rollbacks run over it.
 */

/** The service and environment names of every watch, in the configuration's order. */
function watchPairs(config: PreflightConfig): Array<{ service?: string; environment?: string }> {
  const services = Object.entries(config.services);
  if (services.length > 0) {
    return services.flatMap(([service, settings]) =>
      settings.environments.map((environment) => ({ service, environment })),
    );
  }
  const environments = Object.keys(config.environments);
  if (environments.length > 0) {
    return environments.map((environment) => ({ service: IMPLICIT_SERVICE, environment }));
  }
  return [{ service: IMPLICIT_SERVICE }];
}

/**
 * Every service × environment a watch can be started for, resolved. Pairs that do not resolve (an
 * invalid configuration, which `validateConfig` reports) are left out.
 */
export function watchTargets(config: PreflightConfig): ServiceTarget[] {
  return watchPairs(config).flatMap((pair) => {
    try {
      return [resolveTarget(config, pair)];
    } catch (error) {
      if (error instanceof TargetError) return [];
      throw error;
    }
  });
}

export { accountOf } from './environment-account';

/** Whether the watch reads the environment's metrics with Preflight's own credentials. */
export function readsMetricsAsPreflight(environment: EnvironmentTarget): boolean {
  return environment.metricsVia === 'observability' || environment.role === undefined;
}

/** What the watch (and its follow-ups) must be allowed, decided from the configuration alone. */
export interface WatchAccess {
  /** Some watch reads metrics with Preflight's own credentials (own account, or observability). */
  readonly readsOwnMetrics: boolean;
  /** Some watch's service runs where Preflight's own credentials reach (follow-ups check it there). */
  readonly checksOwnAccount: boolean;
  /** The environments' roles the watch reads metrics (and follow-ups check) through. */
  readonly environmentRoles: readonly string[];
  /** The rollback roles the act function assumes. */
  readonly rollbackRoles: readonly string[];
  /** Rollback actions that run with Preflight's own credentials, and where. */
  readonly ownRollbacks: readonly {
    readonly rollback: ServiceTarget['watch']['rollback'];
    readonly account?: string;
    readonly region?: string;
  }[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** {@link WatchAccess} of every watch the configuration allows. */
export function watchAccess(config: PreflightConfig): WatchAccess {
  const targets = watchTargets(config);
  const reached = targets.filter((t) => t.environment.role !== undefined);
  const rolledBack = targets.filter((t) => t.watch.rollback.action !== 'none');
  return {
    readsOwnMetrics: targets.some((t) => readsMetricsAsPreflight(t.environment)),
    checksOwnAccount: targets.some((t) => t.environment.role === undefined),
    environmentRoles: sorted(reached.map((t) => t.environment.role?.arn ?? '')),
    rollbackRoles: sorted(rolledBack.flatMap((t) => t.environment.rollbackRole?.arn ?? [])),
    ownRollbacks: rolledBack
      .filter((t) => t.environment.role === undefined)
      .map((t) => {
        const account = accountOf(t.environment);
        return {
          rollback: t.watch.rollback,
          ...(account === undefined ? {} : { account }),
          ...(t.watchRegion === undefined ? {} : { region: t.watchRegion }),
        };
      }),
  };
}
