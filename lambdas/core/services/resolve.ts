import type { EnvironmentSettings } from '../config/environments-schema';
import { SignoffsSchema } from '../config/gate-schema';
import { expectedWords } from '../config/issue-words';
import { knownKeysAt } from '../config/known-keys';
import { ChecksSettingsSchema, type PreflightConfig } from '../config/schema';
import type { ServiceSettings } from '../config/services-schema';
import { type WatchSettings, WatchSettingsSchema } from '../config/watch-schema';
import { ownEntry } from '../own';
import { closestName, didYouMean } from '../suggest';
import { unmappedMetrics } from '../watch/resolve';
import type * as z from '../zod';
import { mergeKeyByKey } from './merge';
import { rollbackCheckDefaults } from './rollback-defaults';
import type { EnvironmentTarget, ServiceTarget } from './target';
import { fillMetricTemplates } from './templates';

/*
 * From the configuration to one service in one environment: which account and regions, how to reach
 * them, which resources, and the settings with the service's overrides laid over the defaults.
 * Without `services`, there is one implicit service: the whole account, with the defaults.
 */

/** The name given to the implicit service and environment when the configuration names none. */
/**
 * The sections of the configuration a target is resolved from: the services and environments, and
 * the defaults they override (`checks`, `watch`, `gate.signoffs` and `gate.accountFindings`).
 */
export type TargetConfig = Pick<PreflightConfig, 'services' | 'environments' | 'checks' | 'watch'> & {
  readonly gate: Pick<PreflightConfig['gate'], 'signoffs' | 'accountFindings'>;
};

export const IMPLICIT_SERVICE = 'account';
export const IMPLICIT_ENVIRONMENT = 'default';

/** A service or environment the configuration does not know, or a pair that does not go together. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** One problem in a service's merged settings: the configuration key and what is wrong there. */
export interface TargetProblem {
  readonly key: string;
  readonly value: unknown;
  readonly expected: string;
  /** Set when `key` is not a key the schema knows there (see `ConfigProblem.unknownKey`). */
  readonly unknownKey?: { readonly known: readonly string[]; readonly suggestion?: string };
}

export interface TargetRequest {
  readonly service?: string;
  readonly environment?: string;
}

function keyOf(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))].join('.');
}

function issuesAt(prefix: string, error: z.core.$ZodError, schema: z.core.$ZodType): TargetProblem[] {
  return error.issues.flatMap((issue): TargetProblem[] => {
    if (issue.code !== 'unrecognized_keys') {
      return [{ key: keyOf(prefix, issue.path), value: issue.input, expected: expectedWords(issue) }];
    }
    const known = knownKeysAt(schema, issue.path) ?? [];
    return issue.keys.map((unknown) => {
      const suggestion = closestName(unknown, known);
      return {
        key: keyOf(prefix, [...issue.path, unknown]),
        value: unknown,
        expected: known.length === 0 ? 'expected none of that name' : `expected one of ${known.join(', ')}`,
        unknownKey: { known, ...(suggestion === undefined ? {} : { suggestion }) },
      };
    });
  });
}

function environmentTarget(name: string, env: EnvironmentSettings): EnvironmentTarget {
  const regions = env.regions ?? (env.region === undefined ? [] : [env.region]);
  const access = env.access;
  const externalId =
    access === 'same-account' || access.externalId === undefined ? {} : { externalId: access.externalId };
  const role =
    access === 'same-account'
      ? undefined
      : { arn: access.roleArn ?? `arn:aws:iam::${env.account}:role/${access.roleName}`, ...externalId };
  // The rollback role is in the account of the audit role (named by ARN, or the environment's).
  const rollbackRole =
    role === undefined || access === 'same-account' || access.rollbackRoleName === undefined
      ? undefined
      : { arn: role.arn.replace(/:role\/.*$/, `:role/${access.rollbackRoleName}`), ...externalId };
  return {
    name,
    ...(env.account === undefined ? {} : { account: env.account }),
    regions,
    ...(role === undefined ? {} : { role }),
    ...(rollbackRole === undefined ? {} : { rollbackRole }),
    ...(env.metricsVia === 'observability' ? { metricsVia: 'observability' as const } : {}),
    configured: true,
  };
}

/** The environment named `name`, or the account Preflight runs in when none are configured. */
export function resolveEnvironment(
  config: Pick<TargetConfig, 'environments'>,
  name: string | undefined,
): EnvironmentTarget {
  const known = Object.keys(config.environments);
  if (known.length === 0) return { name: name ?? IMPLICIT_ENVIRONMENT, regions: [], configured: false };
  if (name === undefined) {
    throw new TargetError(`no environment given; expected one of ${known.join(', ')}`);
  }
  const env = ownEntry(config.environments, name);
  if (env === undefined) {
    throw new TargetError(
      `unknown environment "${name}"; expected one of ${known.join(', ')}${didYouMean(name, known)}`,
    );
  }
  return environmentTarget(name, env);
}

/**
 * Mapping metrics is optional (a backtest reads CSV files by id), but once some are mapped, every
 * metric an enabled trigger uses must be: the watch cannot read a metric id alone.
 */
function unmappedProblems(watch: WatchSettings, key: string): TargetProblem[] {
  if (Object.keys(watch.metrics).length === 0) return [];
  return [...unmappedMetrics(watch)].map(([metric, trigger]) => ({
    key,
    value: metric,
    expected: `expected a definition for metric id "${metric}", used by trigger "${trigger}" (map it, or set watch.triggers.${trigger}.enabled to false)`,
  }));
}

/** The service's settings merged over the defaults, with the problems the merge shows. */
function merged(
  config: TargetConfig,
  name: string,
  service: ServiceSettings | undefined,
  environment: EnvironmentTarget,
): { target?: ServiceTarget; problems: TargetProblem[] } {
  const prefix = service === undefined ? '' : `services.${name}`;
  const at = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
  const problems: TargetProblem[] = [];

  const checkOverrides = mergeKeyByKey(service?.checks ?? {}, {
    ...(service?.tlsEndpoints === undefined ? {} : { 'tls-endpoints': { endpoints: service.tlsEndpoints } }),
    ...(service?.requiredAlarms === undefined ? {} : { alarms: { requiredAlarms: service.requiredAlarms } }),
    ...(service?.keyMetrics === undefined ? {} : { 'metrics-collection': { metrics: service.keyMetrics } }),
  });
  const envWatch = service === undefined ? undefined : ownEntry(service.watch.environments, environment.name);
  const watchRegion = envWatch?.region ?? environment.regions[0];
  const {
    values,
    environments: _perEnvironment,
    rollback,
    ...watchOverrides
  } = service?.watch ?? {
    values: {},
    environments: {},
    rollback: undefined,
  };
  const watchRaw = mergeKeyByKey(config.watch, {
    ...watchOverrides,
    ...(rollback === undefined ? {} : { rollback }),
    ...(envWatch?.rollback === undefined ? {} : { rollback: envWatch.rollback }),
  }) as Record<string, unknown>;
  // A rollback action replaces the default whole: merging two actions' keys would mix them.
  const rollbackRaw = envWatch?.rollback ?? rollback;
  if (rollbackRaw !== undefined) watchRaw.rollback = rollbackRaw;
  const watch = WatchSettingsSchema.safeParse(watchRaw, { reportInput: true });
  // The watch's rollback names what the deployment checks judge, unless the service names its own.
  const fromRollback = watch.success ? rollbackCheckDefaults(watch.data.rollback) : {};
  const checks = ChecksSettingsSchema.safeParse(
    mergeKeyByKey(mergeKeyByKey(config.checks, fromRollback), checkOverrides),
    { reportInput: true },
  );
  if (!checks.success) problems.push(...issuesAt(at('checks'), checks.error, ChecksSettingsSchema));
  if (!watch.success) problems.push(...issuesAt(at('watch'), watch.error, WatchSettingsSchema));
  else problems.push(...unmappedProblems(watch.data, at('watch.metrics')));

  const signoffs = SignoffsSchema.safeParse(
    {
      ...config.gate.signoffs,
      ...(service?.signoffs?.roles === undefined ? {} : { roles: service.signoffs.roles }),
      ...(service?.signoffs?.approvers === undefined ? {} : { approvers: service.signoffs.approvers }),
    },
    { reportInput: true },
  );
  if (!signoffs.success) problems.push(...issuesAt(at('signoffs'), signoffs.error, SignoffsSchema));

  if (!checks.success || !watch.success || !signoffs.success) return { problems };

  const builtIns: Record<string, string> = {
    service: name,
    environment: environment.name,
    ...(environment.account === undefined ? {} : { account: environment.account }),
    ...(watchRegion === undefined ? {} : { region: watchRegion }),
  };
  const filled = fillMetricTemplates(watch.data.metrics, { ...builtIns, ...values, ...envWatch?.values });
  for (const { metric, field, placeholder } of filled.unfilled) {
    problems.push({
      key: at(`watch.metrics.${metric}.${field}`),
      value: `{${placeholder}}`,
      expected:
        service === undefined
          ? `expected a value for {${placeholder}}: without services only {service} and {environment} are known; give it in services.<name>.watch.values`
          : `expected a value for {${placeholder}} in ${prefix}.watch.values or ${prefix}.watch.environments.${environment.name}.values`,
    });
  }
  if (problems.length > 0) return { problems };

  return {
    problems,
    target: {
      service: name,
      implicit: service === undefined,
      environment,
      ...(service === undefined ? {} : { resources: service.resources }),
      checks: checks.data,
      watch: { ...watch.data, metrics: filled.metrics },
      ...(watchRegion === undefined ? {} : { watchRegion }),
      signoffs: signoffs.data,
      accountFindings: service?.accountFindings ?? config.gate.accountFindings,
    },
  };
}

/**
 * The service `request.service` in `request.environment`, settings merged and templates filled.
 * @throws TargetError for an unknown service or environment, or a service not deployed there.
 */
export function resolveTarget(config: TargetConfig, request: TargetRequest): ServiceTarget {
  const names = Object.keys(config.services);
  let service: ServiceSettings | undefined;
  if (names.length > 0) {
    if (request.service === undefined) {
      throw new TargetError(`no service given; expected one of ${names.join(', ')}`);
    }
    service = ownEntry(config.services, request.service);
    if (service === undefined) {
      throw new TargetError(
        `unknown service "${request.service}"; expected one of ${names.join(', ')}${didYouMean(request.service, names)}`,
      );
    }
    if (request.environment !== undefined && !service.environments.includes(request.environment)) {
      throw new TargetError(
        `service "${request.service}" is not deployed to "${request.environment}"; expected one of ${service.environments.join(', ')}`,
      );
    }
  }
  const environment = resolveEnvironment(
    config,
    request.environment ?? (service?.environments.length === 1 ? service.environments[0] : undefined),
  );
  const { target, problems } = merged(config, request.service ?? IMPLICIT_SERVICE, service, environment);
  if (target === undefined) {
    // validateConfig reports these at load time; reaching here means the configuration was not validated.
    throw new TargetError(problems.map((p) => `${p.key}: ${p.expected}`).join('; '));
  }
  return target;
}

/** Every problem the services' merged settings have, in every environment they name. */
export function servicesProblems(config: PreflightConfig): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const known = Object.keys(config.environments);
  for (const [name, service] of Object.entries(config.services)) {
    for (const [index, envName] of service.environments.entries()) {
      if (!known.includes(envName)) {
        problems.push({
          key: `services.${name}.environments.[${index}]`,
          value: envName,
          expected:
            known.length === 0
              ? `expected an environment defined in environments (none are): add environments.${envName}`
              : `expected one of the environments defined in environments (${known.join(', ')})${didYouMean(envName, known)}`,
        });
        continue;
      }
      const env = config.environments[envName] as EnvironmentSettings;
      problems.push(...merged(config, name, service, environmentTarget(envName, env)).problems);
    }
    for (const envName of Object.keys(service.watch.environments)) {
      if (!service.environments.includes(envName)) {
        problems.push({
          key: `services.${name}.watch.environments.${envName}`,
          value: envName,
          expected: `expected one of the service's environments (${service.environments.join(', ')})`,
        });
      }
    }
  }
  if (Object.keys(config.services).length === 0) {
    problems.push(
      ...merged(config, IMPLICIT_SERVICE, undefined, {
        name: IMPLICIT_ENVIRONMENT,
        regions: [],
        configured: false,
      }).problems,
    );
  }
  return uniqueProblems(problems);
}

/** The same default broken for every environment of a service is one problem, not one per environment. */
function uniqueProblems(problems: TargetProblem[]): TargetProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.key}\u0000${p.expected}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
