import {
  type AccessOverview,
  type RollbackOverview,
  type ServiceEnvironmentOverview,
  type ServicesOverview,
  servicesOverview,
} from '../../../lambdas/core/services/overview';
import type { ResourceSelector } from '../../../lambdas/core/services/target';
import { loadConfig } from '../config';

function resources(selector: ResourceSelector): string {
  const parts = [
    Object.keys(selector.tags).length === 0
      ? ''
      : `tags ${Object.entries(selector.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
    selector.stacks.length === 0 ? '' : `stacks ${selector.stacks.join(', ')}`,
    selector.arns.length === 0 ? '' : `ARNs ${selector.arns.join(', ')}`,
    selector.names.length === 0 ? '' : `names ${selector.names.join(', ')}`,
  ];
  return parts.filter((p) => p !== '').join('; ');
}

function reached(access: AccessOverview): string {
  return access.kind === 'same-account'
    ? "with Preflight's own credentials (same account)"
    : `by assuming ${access.roleArn} (external id ${access.externalId})`;
}

function rollback(action: RollbackOverview): string {
  switch (action.action) {
    case 'none':
      return 'none';
    case 'codedeploy':
      return `stop CodeDeploy deployments of ${action.deploymentGroups.map((g) => `${g.applicationName}/${g.deploymentGroupName}`).join(', ')}`;
    case 'lambda':
      return `invoke ${action.functionArn}`;
    case 'ssm-automation':
      return `start SSM Automation ${action.documentName}`;
  }
}

function environmentLines(env: ServiceEnvironmentOverview, indent: string): string[] {
  const where = env.configured
    ? `account ${env.account ?? "Preflight's own"}, ${env.regions.length === 0 ? "Preflight's region" : `regions ${env.regions.join(', ')}`}`
    : 'the account and region Preflight runs in';
  return [
    `${indent}${env.name}: ${where}`,
    `${indent}  reached ${reached(env.access)}`,
    `${indent}  watch: rollback ${rollback(env.watch.rollback)}${env.watch.rollbackRoleArn === null ? '' : ` as ${env.watch.rollbackRoleArn}`}; metrics read in ${env.watch.region ?? "Preflight's region"}${env.watch.metricsVia === 'observability' ? ' through cross-account observability' : ''}`,
  ];
}

function render(overview: ServicesOverview): string {
  if (overview.implicit) {
    const [service] = overview.services;
    return `${[
      `No services configured: the whole account is one implicit service, "${service?.name}".`,
      'Environments:',
      ...(service?.environments ?? []).flatMap((env) => environmentLines(env, '  ')),
    ].join('\n')}\n`;
  }
  const environments = new Set(overview.services.flatMap((s) => s.environments.map((e) => e.name)));
  const lines = [`${overview.services.length} service(s) in ${environments.size} environment(s)`];
  for (const service of overview.services) {
    lines.push(
      '',
      `${service.name}${service.description === undefined ? '' : `: ${service.description}`}`,
      `  resources: ${service.resources === null ? 'the whole account' : resources(service.resources)}`,
      ...service.environments.flatMap((env) => environmentLines(env, '  ')),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `preflight services`: the configuration alone, no AWS call. */
export function runServicesCommand(options: { json?: boolean; config?: string }): void {
  const { config, source } = loadConfig(options.config);
  const overview = servicesOverview(config);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ ...overview, configuration: source }, null, 2)}\n`
      : `Configuration: ${source}\n${render(overview)}`,
  );
}
