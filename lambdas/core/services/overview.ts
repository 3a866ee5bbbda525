import type { PreflightConfig } from '../config/schema';
import type { WatchSettings } from '../config/watch-schema';
import { IMPLICIT_SERVICE, resolveTarget } from './resolve';
import type { EnvironmentTarget, ResourceSelector } from './target';
import { listTargets } from './targets';

/*
 * What the configuration says about services and environments, as `preflight services` shows it:
 * from the configuration alone, through the same resolution the gate, the audit and the watch use.
 * An external id is a shared secret between Preflight and the member account: it is reported as
 * set or not set, never copied here.
 */

/** How Preflight reaches an environment's account. */
export type AccessOverview =
  | { readonly kind: 'same-account' }
  | { readonly kind: 'role'; readonly roleArn: string; readonly externalId: 'set' | 'not set' };

/** What a ROLLBACK does there: the action and its targets (SSM parameter values left out). */
export type RollbackOverview =
  | { readonly action: 'none' }
  | {
      readonly action: 'codedeploy';
      readonly deploymentGroups: ReadonlyArray<{ applicationName: string; deploymentGroupName: string }>;
    }
  | { readonly action: 'lambda'; readonly functionArn: string }
  | {
      readonly action: 'ssm-automation';
      readonly documentName: string;
      readonly parameters: readonly string[];
    };

export interface EnvironmentOverview {
  readonly name: string;
  /** `null`: the account Preflight runs in. */
  readonly account: string | null;
  /** Empty: the region Preflight runs in. */
  readonly regions: readonly string[];
  readonly access: AccessOverview;
  /** False for the implicit environment (none configured). */
  readonly configured: boolean;
}

export interface ServiceEnvironmentOverview extends EnvironmentOverview {
  readonly watch: {
    readonly rollback: RollbackOverview;
    /** The role the rollback runs as there; `null`: Preflight's own role (its own account). */
    readonly rollbackRoleArn: string | null;
    /** The region whose metrics the watch reads; `null`: the region Preflight runs in. */
    readonly region: string | null;
    /** How the metrics are read: through the environment's access, or cross-account observability. */
    readonly metricsVia: 'access' | 'observability';
  };
}

export interface ServiceOverview {
  readonly name: string;
  readonly description?: string;
  /** Which resources belong to it; `null` for the implicit service: the whole account. */
  readonly resources: ResourceSelector | null;
  readonly environments: readonly ServiceEnvironmentOverview[];
}

export interface ServicesOverview {
  /** True when the configuration names no services: the whole account is one implicit service. */
  readonly implicit: boolean;
  readonly services: readonly ServiceOverview[];
}

function access(environment: EnvironmentTarget): AccessOverview {
  if (environment.role === undefined) return { kind: 'same-account' };
  return {
    kind: 'role',
    roleArn: environment.role.arn,
    externalId: environment.role.externalId === undefined ? 'not set' : 'set',
  };
}

function rollback(settings: WatchSettings['rollback']): RollbackOverview {
  switch (settings.action) {
    case 'none':
      return { action: 'none' };
    case 'codedeploy':
      return {
        action: 'codedeploy',
        deploymentGroups: settings.deploymentGroups.map((g) => ({
          applicationName: g.applicationName,
          deploymentGroupName: g.deploymentGroupName,
        })),
      };
    case 'lambda':
      return { action: 'lambda', functionArn: settings.functionArn };
    case 'ssm-automation':
      return {
        action: 'ssm-automation',
        documentName: settings.documentName,
        parameters: Object.keys(settings.parameters).sort(),
      };
  }
}

function environmentOverview(
  config: PreflightConfig,
  service: string | undefined,
  environment: string | undefined,
): ServiceEnvironmentOverview {
  const target = resolveTarget(config, {
    ...(service === undefined ? {} : { service }),
    ...(environment === undefined ? {} : { environment }),
  });
  const env = target.environment;
  return {
    name: env.name,
    account: env.account ?? null,
    regions: [...env.regions],
    access: access(env),
    configured: env.configured,
    watch: {
      rollback: rollback(target.watch.rollback),
      rollbackRoleArn: env.rollbackRole?.arn ?? null,
      region: target.watchRegion ?? null,
      metricsVia: env.metricsVia ?? 'access',
    },
  };
}

/** Every configured service with its environments, or the implicit service over every environment. */
export function servicesOverview(config: PreflightConfig): ServicesOverview {
  const configured = Object.entries(config.services);
  if (configured.length > 0) {
    return {
      implicit: false,
      services: configured.map(([name, service]) => ({
        name,
        ...(service.description === undefined ? {} : { description: service.description }),
        resources: service.resources,
        environments: service.environments.map((env) => environmentOverview(config, name, env)),
      })),
    };
  }
  const environments = [...new Set(listTargets(config).map((t) => t.environment))];
  const named = Object.keys(config.environments).length > 0;
  return {
    implicit: true,
    services: [
      {
        name: IMPLICIT_SERVICE,
        resources: null,
        environments: environments.map((env) =>
          environmentOverview(config, undefined, named ? env : undefined),
        ),
      },
    ],
  };
}
