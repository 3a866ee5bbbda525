import type { PreflightConfig } from '../config/schema';
import { ownEntry } from '../own';
import { partitionOfRegion } from '../partition';
import type { TargetProblem } from '../services/resolve';
import type { ServiceTarget } from '../services/target';
import { accountOf, watchTargets } from './targets';

/*
 * Rules across sections for a watch's rollback, run after parsing on every service × environment:
 * a rollback runs in the service's own account and region, through the environment's rollback role
 * when the environment is reached through a role. The act function applies the same rules again
 * before it acts.
 */

/** The configuration key the target's rollback action comes from (the most specific one set). */
function rollbackKey(config: PreflightConfig, target: ServiceTarget): string {
  const service = ownEntry(config.services, target.service);
  if (service === undefined) return 'watch.rollback';
  if (ownEntry(service.watch.environments, target.environment.name)?.rollback !== undefined) {
    return `services.${target.service}.watch.environments.${target.environment.name}.rollback`;
  }
  return service.watch.rollback === undefined
    ? 'watch.rollback'
    : `services.${target.service}.watch.rollback`;
}

/** ARN fields: `arn:partition:service:region:account:...`. */
function arnPart(arn: string, index: 1 | 3 | 4): string | undefined {
  return arn.startsWith('arn:') ? arn.split(':')[index] : undefined;
}

function targetProblems(config: PreflightConfig, target: ServiceTarget): TargetProblem[] {
  const { rollback } = target.watch;
  if (rollback.action === 'none') return [];
  const env = target.environment;
  const key = rollbackKey(config, target);
  const where = `service "${target.service}" in environment "${env.name}"`;
  // An environment with neither account nor role is reached with Preflight's own credentials: its
  // account is home.account, and without a region of its own the watch runs in a home region.
  const ownCredentials = env.account === undefined && env.role === undefined;
  const account = accountOf(env) ?? (ownCredentials ? config.home?.account : undefined);
  const region = target.watchRegion;
  const homeRegions = region === undefined ? (config.home?.regions ?? []) : [];
  const partitionRegion = region ?? homeRegions[0];
  const partition = partitionRegion === undefined ? undefined : partitionOfRegion(partitionRegion);
  const problems: TargetProblem[] = [];
  const otherPartition = (arn: string): string | undefined => {
    const arnPartition = arnPart(arn, 1);
    return partition !== undefined && arnPartition !== undefined && arnPartition !== partition
      ? `partition ${arnPartition}, not ${region ?? 'home.regions'}'s (${partition})`
      : undefined;
  };
  const outside = (arn: string): string | undefined => {
    const arnAccount = arnPart(arn, 4);
    const arnRegion = arnPart(arn, 3);
    const partitionWhy = otherPartition(arn);
    if (partitionWhy !== undefined) return partitionWhy;
    if (account !== undefined && arnAccount !== undefined && arnAccount !== '' && arnAccount !== account) {
      return `account ${arnAccount}, not the environment's account ${account}`;
    }
    if (region !== undefined && arnRegion !== undefined && arnRegion !== '' && arnRegion !== region) {
      return `region ${arnRegion}, not the region the watch of ${where} watches (${region})`;
    }
    if (
      homeRegions.length > 0 &&
      arnRegion !== undefined &&
      arnRegion !== '' &&
      !homeRegions.includes(arnRegion)
    ) {
      return `region ${arnRegion}, not a region Preflight runs in (home.regions: ${homeRegions.join(', ')})`;
    }
    // Watched in each home region, by that region's act function, which refuses another region's target.
    if (homeRegions.length > 1 && arnRegion !== undefined && arnRegion !== '') {
      return `region ${arnRegion} only, and the service is watched in each of home.regions (${homeRegions.join(', ')}): name the environment's region, or a target every region has`;
    }
    return undefined;
  };
  const refuse = (field: string, value: string, why: string) =>
    problems.push({
      key: `${key}.${field}`,
      value,
      expected: `expected a target in the service's own account and region: the rollback of ${where} runs there only (this one is in ${why})`,
    });
  if (rollback.action === 'lambda') {
    const why = outside(rollback.functionArn);
    if (why !== undefined) refuse('functionArn', rollback.functionArn, why);
  }
  if (rollback.action === 'ssm-automation') {
    const why = outside(rollback.documentName);
    if (why !== undefined) refuse('documentName', rollback.documentName, why);
    (rollback.parameters.AutomationAssumeRole ?? []).forEach((role, index) => {
      const roleAccount = arnPart(role, 4);
      const why =
        otherPartition(role) ??
        (account !== undefined && roleAccount !== account ? `account ${roleAccount}` : undefined);
      if (why !== undefined) refuse(`parameters.AutomationAssumeRole.[${index}]`, role, why);
    });
  }
  return problems;
}

/** One problem per environment reached through a role whose services roll back without a rollback role. */
function missingRollbackRoles(targets: readonly ServiceTarget[]): TargetProblem[] {
  const services = new Map<string, { target: ServiceTarget; names: string[] }>();
  for (const target of targets) {
    const env = target.environment;
    if (target.watch.rollback.action === 'none' || env.role === undefined || env.rollbackRole !== undefined) {
      continue;
    }
    const entry = services.get(env.name) ?? { target, names: [] };
    entry.names.push(target.service);
    services.set(env.name, entry);
  }
  return [...services.entries()].map(([name, { target, names }]) => ({
    key: `environments.${name}.access.rollbackRoleName`,
    value: undefined,
    expected: `the name of the rollback role in account ${accountOf(target.environment) ?? 'of the environment'} (e.g. preflight-rollback, from the member-account stack): the watches of ${names.map((n) => `"${n}"`).join(', ')} in environment "${name}" roll back, and the read-only audit role may not`,
  }));
}

/** Every rollback rule broken by any watch the configuration allows, each once. */
export function watchTargetProblems(config: PreflightConfig): TargetProblem[] {
  const targets = watchTargets(config);
  const seen = new Set<string>();
  return [
    ...missingRollbackRoles(targets),
    ...targets.flatMap((target) => targetProblems(config, target)),
  ].filter((p) => {
    const id = `${p.key}\u0000${p.expected}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
