import { ArnFormat, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { PreflightConfig } from '../../lambdas/core/config/schema';
import type { WatchSettings } from '../../lambdas/core/config/watch-schema';
import { accountOf, watchTargets } from '../../lambdas/core/watch/targets';
import { nagWhere } from '../nag-ids';

/** What a role needs for configured rollback actions, and why any wildcard is there. */
export interface RollbackPermissions {
  readonly statements: readonly iam.PolicyStatement[];
  /** Set when a statement needs a wildcard resource: the resource as cdk-nag names it, and why. */
  readonly wildcards: readonly { readonly resource: string; readonly reason: string }[];
}

/** Where a rollback acts: the service's account and region. @default the stack's own */
export interface RollbackPlace {
  readonly account?: string;
  readonly region?: string;
}

/** The ARN of a configured CodeDeploy deployment group, in the service's account and region. */
export function deploymentGroupArn(
  stack: Stack,
  group: { readonly applicationName: string; readonly deploymentGroupName: string },
  where: RollbackPlace = {},
): string {
  return stack.formatArn({
    service: 'codedeploy',
    resource: 'deploymentgroup',
    resourceName: `${group.applicationName}/${group.deploymentGroupName}`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    ...where,
  });
}

/**
 * IAM for one rollback action, decided at synth time from the configuration, the only place a
 * rollback is aimed, in the account and region of the service it belongs to. Resource types follow
 * the Service Authorization Reference: `codedeploy:GetDeployment` and `codedeploy:StopDeployment`
 * both authorize on the deployment group (`deploymentgroup*`; a deployment has no ARN of its own),
 * so both are granted on the configured groups alone: the role cannot read or stop a deployment of
 * any other group, whatever deployment id it is handed.
 */
export function rollbackStatements(
  stack: Stack,
  rollback: WatchSettings['rollback'],
  where: RollbackPlace = {},
): RollbackPermissions {
  switch (rollback.action) {
    case 'none':
      return { statements: [], wildcards: [] };
    case 'codedeploy':
      return {
        statements: [
          new iam.PolicyStatement({
            actions: ['codedeploy:GetDeployment', 'codedeploy:StopDeployment'],
            resources: rollback.deploymentGroups.map((group) => deploymentGroupArn(stack, group, where)),
          }),
        ],
        wildcards: [],
      };
    case 'lambda':
      return {
        statements: [
          new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [rollback.functionArn] }),
        ],
        wildcards: [],
      };
    case 'ssm-automation': {
      // Any version of the document: `name:*`.
      const versions = `${rollback.documentName}:*`;
      const named = `automation-definition/${versions}`;
      const definition = rollback.documentName.startsWith('arn:')
        ? `${rollback.documentName.replace(':document/', ':automation-definition/')}:*`
        : stack.formatArn({
            service: 'ssm',
            resource: 'automation-definition',
            resourceName: versions,
            ...where,
          });
      // Concrete role ARNs only (the configuration refuses wildcards), passed to SSM only.
      const roles = rollback.parameters.AutomationAssumeRole ?? [];
      const region = where.region ?? nagWhere(stack).region;
      const account = where.account ?? nagWhere(stack).account;
      return {
        statements: [
          new iam.PolicyStatement({ actions: ['ssm:StartAutomationExecution'], resources: [definition] }),
          ...(roles.length === 0
            ? []
            : [
                new iam.PolicyStatement({
                  actions: ['iam:PassRole'],
                  resources: roles,
                  conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
                }),
              ]),
        ],
        wildcards: [
          {
            resource: rollback.documentName.startsWith('arn:')
              ? definition
              : `arn:<AWS::Partition>:ssm:${region}:${account}:${named}`,
            reason:
              'Any version of the configured Automation document (`:*`); the grant is limited to that document.',
          },
        ],
      };
    }
  }
}

/**
 * Several rollback actions' permissions as one set: statements with the same actions and
 * conditions become one statement over every resource, so twenty services add resources, not
 * statements.
 */
export function mergeRollbackPermissions(all: readonly RollbackPermissions[]): RollbackPermissions {
  const merged = new Map<
    string,
    { actions: string[]; conditions: Record<string, unknown>; resources: Set<string> }
  >();
  for (const statement of all.flatMap((p) => p.statements)) {
    const conditions = statement.conditions as Record<string, unknown>;
    const key = JSON.stringify([statement.actions, conditions]);
    const entry = merged.get(key) ?? { actions: statement.actions, conditions, resources: new Set<string>() };
    for (const resource of statement.resources) entry.resources.add(resource);
    merged.set(key, entry);
  }
  const wildcards = new Map(all.flatMap((p) => p.wildcards).map((w) => [w.resource, w]));
  return {
    statements: [...merged.values()].map(
      (s) =>
        new iam.PolicyStatement({
          actions: s.actions,
          resources: [...s.resources],
          ...(Object.keys(s.conditions).length === 0 ? {} : { conditions: s.conditions }),
        }),
    ),
    wildcards: [...wildcards.values()],
  };
}

/**
 * What the rollback role in `account` needs (the member-account stack's optional role): exactly
 * the rollback actions of the services whose environments are in that account and reached through
 * a role, each in its watch region. A service whose environment names no region is watched where
 * Preflight runs: each of `homeRegions` (the configuration's `home.regions`), or the stack's own
 * region when none are given.
 */
export function memberRollbackPermissions(
  stack: Stack,
  config: PreflightConfig,
  account: string,
  homeRegions: readonly string[] = [],
): RollbackPermissions {
  return mergeRollbackPermissions(
    watchTargets(config)
      .filter((t) => t.environment.rollbackRole !== undefined && accountOf(t.environment) === account)
      .flatMap((t) => {
        const regions =
          t.watchRegion !== undefined ? [t.watchRegion] : homeRegions.length > 0 ? homeRegions : [undefined];
        return regions.map((region) =>
          rollbackStatements(stack, t.watch.rollback, {
            account,
            ...(region === undefined ? {} : { region }),
          }),
        );
      }),
  );
}

/** The accounts whose environments name a rollback role, in the configuration's order. */
export function memberRollbackAccounts(config: PreflightConfig): string[] {
  const accounts = watchTargets(config)
    .filter((t) => t.environment.rollbackRole !== undefined)
    .flatMap((t) => accountOf(t.environment) ?? []);
  return [...new Set(accounts)];
}
