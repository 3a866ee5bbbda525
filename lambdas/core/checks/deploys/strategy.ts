import { mapWithConcurrency } from '../../concurrency';
import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import type { CheckScope } from '../../scope/check-scope';
import { errorFinding } from '../kit/finding';
import { type Outcome, settle } from '../kit/outcome';
import type { AccountPorts } from '../types';
import { readAlarmVerdicts } from './alarm-verdicts';
import { strategyFinding } from './finding';
import type { DeploymentConfig, DeploymentGroup, EcsService, EcsServiceRef } from './ports';
import { judgeAutoRollback } from './rules/deployment-strategy/auto-rollback';
import { judgeBlueGreen } from './rules/deployment-strategy/blue-green';
import { judgeCircuitBreaker } from './rules/deployment-strategy/circuit-breaker';
import { groupEvidence, groupLabel } from './rules/deployment-strategy/evidence';
import { judgeLambdaAlias } from './rules/deployment-strategy/lambda-alias';
import { judgeOriginalKept } from './rules/deployment-strategy/original-kept';
import { judgeRollbackAlarms } from './rules/deployment-strategy/rollback-alarms';
import { judgeNothingToJudge } from './rules/deployment-strategy/scope';
import { judgeTrafficShift } from './rules/deployment-strategy/traffic-shift';

/** CodeDeploy and Lambda reads in flight at once: well under their per-account rates. */
export const DEPLOYS_CONCURRENCY = 4;

type Settings = CheckSettings['deployment-strategy'];
type Configured = Settings['deploymentGroups'][number];

/** The last part of an ECS ARN or a plain name: `arn:…:cluster/prod` and `prod` are both `prod`. */
const shortName = (nameOrArn: string) => nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1);

/** ECS services grouped by cluster, for DescribeServices (one cluster per call). */
function byCluster(services: readonly EcsServiceRef[]): Map<string, string[]> {
  const clusters = new Map<string, string[]>();
  for (const s of services) clusters.set(s.clusterArn, [...(clusters.get(s.clusterArn) ?? []), s.arn]);
  return clusters;
}

/** The ARN of a deployment group where the account is known; its `application/group` otherwise. */
async function groupResource(account: AccountPorts): Promise<(g: Configured) => string> {
  const at = await settle(() => account.scope.location());
  return (g) =>
    at.ok
      ? `arn:${at.value.partition}:codedeploy:${at.value.region}:${at.value.accountId}:deploymentgroup:${g.applicationName}/${g.deploymentGroupName}`
      : `${g.applicationName}/${g.deploymentGroupName}`;
}

/** The findings of one deployment group that could be read. */
function groupFindings(
  resource: string,
  group: DeploymentGroup,
  config: Outcome<DeploymentConfig>,
  verdicts: Parameters<typeof judgeRollbackAlarms>[2],
  settings: Settings,
): Finding[] {
  return [
    judgeBlueGreen(resource, group, settings),
    judgeTrafficShift(resource, group, config, settings),
    judgeOriginalKept(resource, group, settings),
    judgeAutoRollback(resource, group),
    judgeRollbackAlarms(
      resource,
      {
        label: groupLabel(group),
        stopsOnAlarm: group.alarms.enabled,
        rollsBackOnAlarm:
          group.autoRollback.enabled && group.autoRollback.events.includes('DEPLOYMENT_STOP_ON_ALARM'),
        alarmNames: group.alarms.names,
        ignorePollAlarmFailure: group.alarms.ignorePollAlarmFailure,
        fix: `Add the service's error-rate and latency alarms to the deployment group and roll back on them (aws deploy update-deployment-group --application-name ${group.applicationName} --current-deployment-group-name ${group.deploymentGroupName} --alarm-configuration enabled=true,alarms=[{name=ALARM}] --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE,DEPLOYMENT_STOP_ON_ALARM).`,
      },
      verdicts,
      groupEvidence(group),
    ),
  ];
}

/**
 * The deployment-strategy check: the service's CodeDeploy deployment groups (from its settings),
 * its ECS services and its Lambda functions deployed through an alias (from its scope).
 */
export async function judgeDeploymentStrategy(
  account: AccountPorts,
  settings: Settings,
  now: Date,
  scope: CheckScope,
): Promise<Finding[]> {
  const ports = account.deploys;
  const findings: Finding[] = [];

  // The listings first, each on its own: one denied listing leaves the others to report.
  const [ecsListing, functionListing] = await Promise.all([
    settle(() => ports.listEcsServices()),
    settle(() => ports.listFunctions()),
  ]);
  const ecsRefs = ecsListing.ok
    ? scope.select(ecsListing.value, (s) => ({ arn: s.arn, names: [s.name] }))
    : [];
  const functions = functionListing.ok
    ? scope.select(functionListing.value, (f) => ({ arn: f.arn, names: [f.name] }))
    : [];
  if (!ecsListing.ok) findings.push(errorFinding(strategyFinding, 'circuit-breaker', '*', ecsListing.error));
  if (!functionListing.ok)
    findings.push(errorFinding(strategyFinding, 'lambda-alias', '*', functionListing.error));

  const resourceOf = await groupResource(account);
  const groups = await mapWithConcurrency(
    settings.deploymentGroups,
    DEPLOYS_CONCURRENCY,
    async (configured) => ({
      configured,
      group: await settle(() =>
        ports.deploymentGroup(configured.applicationName, configured.deploymentGroupName),
      ),
    }),
  );
  const found = groups.flatMap(({ configured, group }) =>
    group.ok && group.value !== undefined ? [{ configured, group: group.value }] : [],
  );
  const configNames = [...new Set(found.map(({ group }) => group.deploymentConfigName))];
  const configs = new Map(
    await mapWithConcurrency(
      configNames,
      DEPLOYS_CONCURRENCY,
      async (name) => [name, await settle(() => ports.deploymentConfig(name))] as const,
    ),
  );
  const described = await mapWithConcurrency(
    [...byCluster(ecsRefs)],
    DEPLOYS_CONCURRENCY,
    async ([cluster, arns]) => ({
      cluster,
      arns,
      services: await settle(() => ports.describeEcsServices(cluster, arns)),
    }),
  );
  const services: EcsService[] = described.flatMap((d) => (d.services.ok ? d.services.value.services : []));
  const aliases = await mapWithConcurrency(functions, DEPLOYS_CONCURRENCY, async (fn) => ({
    fn,
    alias: await settle(() => ports.alias(fn.name, settings.lambdaAlias)),
  }));

  // The alarms that stop deployments, judged once with the alarms check's rules.
  const ecsNative = services.filter((s) => s.deploymentController === 'ECS');
  const alarmNames = [
    ...new Set([
      ...found.flatMap(({ group }) => group.alarms.names),
      ...ecsNative.flatMap((s) => s.alarms?.names ?? []),
    ]),
  ];
  const verdicts =
    alarmNames.length === 0
      ? undefined
      : await settle(() =>
          readAlarmVerdicts(account.alarms, alarmNames, settings.alarmInsufficientDataHours, now),
        );

  for (const { configured, group } of groups) {
    const resource = resourceOf(configured);
    const label = `${configured.applicationName}/${configured.deploymentGroupName}`;
    if (!group.ok) {
      findings.push(
        errorFinding(strategyFinding, 'deployment-group', resource, group.error, { deploymentGroup: label }),
      );
    } else if (group.value === undefined) {
      findings.push(
        strategyFinding('deployment-group', resource, {
          status: 'FAIL',
          message: `Deployment group ${label} does not exist here: the service's deployments cannot be what the configuration says.`,
          remediation: `Create the deployment group, or correct its name in checks.deployment-strategy.deploymentGroups (or watch.rollback).`,
          evidence: { deploymentGroup: label },
        }),
      );
    } else {
      const config = configs.get(group.value.deploymentConfigName) ?? {
        ok: false as const,
        error: new Error('the deployment configuration was not read'),
      };
      findings.push(...groupFindings(resource, group.value, config, verdicts, settings));
    }
  }

  const coveredBy = (service: EcsService) =>
    found.find(({ group }) =>
      group.ecsServices.some(
        (e) =>
          shortName(e.service) === service.name && shortName(e.cluster) === shortName(service.clusterArn),
      ),
    );
  for (const { arns, services: outcome } of described) {
    if (outcome.ok) {
      // A service ECS could not describe is an ERROR, never a PASS by omission.
      for (const { arn, error } of outcome.value.failures) {
        findings.push(errorFinding(strategyFinding, 'circuit-breaker', arn, error));
      }
      continue;
    }
    findings.push(...arns.map((arn) => errorFinding(strategyFinding, 'circuit-breaker', arn, outcome.error)));
  }
  for (const service of services) {
    findings.push(
      judgeCircuitBreaker(service, {
        groupOf: (s) => {
          const cover = coveredBy(s);
          return cover === undefined ? undefined : groupLabel(cover.group);
        },
      }),
    );
    if (service.deploymentController === 'ECS') {
      findings.push(
        judgeRollbackAlarms(
          service.arn,
          {
            label: `ECS service ${service.name}`,
            stopsOnAlarm: service.alarms?.enable === true,
            rollsBackOnAlarm: service.alarms?.rollback === true,
            alarmNames: service.alarms?.names ?? [],
            fix: `Name the service's alarms in its deployment configuration with rollback (aws ecs update-service --cluster ${service.clusterArn} --service ${service.name} --deployment-configuration "alarms={alarmNames=[ALARM],enable=true,rollback=true}").`,
          },
          verdicts,
          { service: service.name, cluster: service.clusterArn },
        ),
      );
    }
  }

  const lambdaGroupConfigured = found.some(({ group }) => group.computePlatform === 'Lambda');
  const aliasFindings = aliases.flatMap(({ fn, alias }) => {
    const finding = judgeLambdaAlias(fn, alias, {
      aliasName: settings.lambdaAlias,
      gradualTraffic: settings.gradualTraffic,
      lambdaGroupConfigured,
    });
    return finding === undefined ? [] : [finding];
  });
  findings.push(...aliasFindings);

  const coverage = judgeNothingToJudge({
    deploymentGroups: settings.deploymentGroups.length,
    ecsServices: ecsRefs.length,
    aliasedFunctions: aliasFindings.length,
    aliasName: settings.lambdaAlias,
  });
  // A listing that failed already reports ERROR: "nothing to judge" would not be the whole truth.
  // For the whole account, no finding: the runner reports SKIPPED (nothing in scope), as for every check.
  const judgesService = scope.service !== undefined;
  if (coverage !== undefined && judgesService && ecsListing.ok && functionListing.ok) findings.push(coverage);
  return findings;
}
