import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { errorFinding } from '../kit/finding';
import { type Outcome, settle } from '../kit/outcome';
import { hoursBefore } from '../kit/time';
import type { CheckDefinition, FamilyDefinitions } from '../types';
import { workloadCatalogue } from './catalogue';
import { environmentVariablesFinding, resourceLimitsFinding } from './finding';
import type { ServiceQuota } from './ports';
import { readScopedWorkloads, type ScopedWorkloads, type TaskDefinitionRead } from './read';
import { judgeContainerEnvironment } from './rules/environment-variables/container-environment';
import {
  type CheckedSecretReference,
  judgeContainerSecrets,
} from './rules/environment-variables/container-secrets';
import { judgeFunctionEnvironment } from './rules/environment-variables/function-environment';
import { judgeFunctionLimits } from './rules/resource-limits/function-limits';
import { judgeServiceQuotas } from './rules/resource-limits/service-quotas';
import { judgeTaskDefinitionLimits } from './rules/resource-limits/task-definition-limits';
import { secretSourceOf } from './secret-reference';

/** Service codes listed at once (ListServiceQuotas' rate is low, 10/s). */
export const QUOTA_LISTING_CONCURRENCY = 2;
/** Secrets described at once (DescribeSecret's rate is high; the bound keeps one audit polite). */
export const SECRET_LOOKUP_CONCURRENCY = 4;

/** ERROR findings for what stopped the workloads from being read (a listing, a cluster's describe). */
function unreadWorkloads<Rule extends string>(
  workloads: ScopedWorkloads,
  build: Parameters<typeof errorFinding<Rule>>[0],
  functionRule: Rule,
  taskRule: Rule,
): Finding[] {
  const findings: Finding[] = [];
  if (!workloads.functions.ok)
    findings.push(errorFinding(build, functionRule, '*', workloads.functions.error));
  if (!workloads.taskDefinitions.ok) {
    findings.push(errorFinding(build, taskRule, '*', workloads.taskDefinitions.error));
  }
  for (const { arn, error } of workloads.undescribed)
    findings.push(errorFinding(build, taskRule, arn, error));
  return findings;
}

const tasksOf = (workloads: ScopedWorkloads): TaskDefinitionRead[] =>
  workloads.taskDefinitions.ok ? workloads.taskDefinitions.value : [];

/**
 * Service quotas are account-wide: they are listed and judged once per run of the check in an account
 * and region, and reported against the quota's ARN (or the account's `servicequotas:*`) with
 * evidence `scope: "account"`, so a service's report shows them among its account findings, which
 * block its verdict as `gate.accountFindings` says. A service's run judges them only when the service
 * runs a workload (function, ECS service) in the region: a quota near its limit threatens that
 * deployment whatever team owns the usage; a service with nothing there is not concerned.
 */
async function quotaFindings(
  account: Parameters<CheckDefinition['run']>[0],
  settings: {
    readonly quotaServiceCodes: readonly string[];
    readonly quotaWarnPercent: number;
    readonly quotaFailPercent: number;
    readonly quotaLookbackHours: number;
  },
  now: Date,
): Promise<Finding[]> {
  const listed = await mapWithConcurrency(
    settings.quotaServiceCodes,
    QUOTA_LISTING_CONCURRENCY,
    async (code) => ({
      code,
      quotas: await settle(() => account.workloads.listServiceQuotas(code)),
    }),
  );
  const findings: Finding[] = listed.flatMap(({ code, quotas }) =>
    quotas.ok
      ? []
      : [
          errorFinding(resourceLimitsFinding, 'service-quotas', `servicequotas/${code}`, quotas.error, {
            scope: 'account',
          }),
        ],
  );
  const quotas = listed.flatMap(({ quotas }) => (quotas.ok ? quotas.value : []));
  const measurable = quotas.filter((q) => q.usageMetric !== undefined && q.value > 0);
  const ids = new Map<ServiceQuota, string>(measurable.map((q, i) => [q, `q${i}`]));
  const usage: Outcome<ReadonlyMap<string, readonly number[]>> =
    measurable.length === 0
      ? { ok: true, value: new Map() }
      : await settle(() =>
          account.workloads.usage(
            measurable.map((q) => ({
              id: ids.get(q) ?? '',
              metric: q.usageMetric as NonNullable<ServiceQuota['usageMetric']>,
            })),
            hoursBefore(now, settings.quotaLookbackHours),
            now,
          ),
        );
  findings.push(...judgeServiceQuotas(measurable, usage, (q) => ids.get(q) ?? '', settings));
  return findings;
}

/** The checks of "Resource limits and requests configured" and "Environment variables validated". */
export const workloadChecks: FamilyDefinitions<typeof workloadCatalogue> = {
  'resource-limits': {
    ...workloadCatalogue['resource-limits'],
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const workloads = await readScopedWorkloads(account, scope);
      const findings = unreadWorkloads(
        workloads,
        resourceLimitsFinding,
        'function-limits',
        'task-definition-limits',
      );
      if (workloads.functions.ok) {
        findings.push(
          ...workloads.functions.value.map((fn) => judgeFunctionLimits(fn, settings.defaultFunctionLimits)),
        );
      }
      findings.push(
        ...tasksOf(workloads).map(({ use, definition }) =>
          judgeTaskDefinitionLimits(use, definition, settings.missingCpu),
        ),
      );
      const serviceRunsHere = scope.service === undefined || workloads.inScope > 0;
      if (settings.quotas && serviceRunsHere) findings.push(...(await quotaFindings(account, settings, now)));
      return findings;
    },
  },
  'environment-variables': {
    ...workloadCatalogue['environment-variables'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const workloads = await readScopedWorkloads(account, scope);
      const findings = unreadWorkloads(
        workloads,
        environmentVariablesFinding,
        'function-environment',
        'container-environment',
      );
      if (workloads.functions.ok) {
        findings.push(
          ...workloads.functions.value.map((fn) =>
            judgeFunctionEnvironment(fn, settings, settings.plainSecret),
          ),
        );
      }
      const tasks = tasksOf(workloads);
      const references = tasks.flatMap(({ use, definition }) =>
        definition.ok
          ? definition.value.containers.flatMap((c) =>
              c.secrets.map((s) => ({
                td: use.arn,
                container: c.name,
                name: s.name,
                source: secretSourceOf(s.valueFrom, use.arn),
              })),
            )
          : [],
      );
      const secretIds = [
        ...new Set(references.flatMap((r) => (r.source.kind === 'secret' ? [r.source.secretId] : []))),
      ];
      const names = [
        ...new Set(references.flatMap((r) => (r.source.kind === 'parameter' ? [r.source.name] : []))),
      ];
      const [secrets, parameters] = await Promise.all([
        mapWithConcurrency(
          secretIds,
          SECRET_LOOKUP_CONCURRENCY,
          async (id) => [id, await settle(() => account.workloads.secretExists(id))] as const,
        ),
        names.length === 0
          ? Promise.resolve<Outcome<Set<string>>>({ ok: true, value: new Set() })
          : settle(() => account.workloads.existingParameters(names)),
      ]);
      const secretExists = new Map(secrets);
      const existence = (source: CheckedSecretReference['source']): Outcome<boolean> | undefined => {
        if (source.kind === 'secret') return secretExists.get(source.secretId);
        if (source.kind === 'elsewhere') return undefined;
        return parameters.ok ? { ok: true, value: parameters.value.has(source.name) } : parameters;
      };
      for (const { use, definition } of tasks) {
        findings.push(judgeContainerEnvironment(use, definition, settings, settings.plainSecret));
        const checked = references
          .filter((r) => r.td === use.arn)
          .map(({ container, name, source }): CheckedSecretReference => {
            const exists = existence(source);
            return { container, name, source, ...(exists === undefined ? {} : { exists }) };
          });
        const finding = judgeContainerSecrets(use, definition, checked);
        if (finding !== undefined) findings.push(finding);
      }
      return findings;
    },
  },
};
