import { mapWithConcurrency } from '../../concurrency';
import type { CheckScope } from '../../scope/check-scope';
import { type Outcome, settle } from '../kit/outcome';
import type { TracedFunction } from '../tracing/ports';
import type { AccountPorts } from '../types';
import type { EcsServiceRef, EcsTaskDefinition } from './ports';
import type { TaskDefinitionUse } from './rules/resource-limits/task-definition-limits';

/** Clusters whose services are described at once, and task definitions read at once (ECS's describe rate). */
export const ECS_CONCURRENCY = 4;

/** A task definition run by services in scope, and what reading it gave. */
export interface TaskDefinitionRead {
  readonly use: TaskDefinitionUse;
  readonly definition: Outcome<EcsTaskDefinition>;
}

/** What the workloads of a scope are: its functions, its services' task definitions. */
export interface ScopedWorkloads {
  /** The functions in scope, or why they could not be listed. */
  readonly functions: Outcome<TracedFunction[]>;
  /** The task definitions the services in scope run, or why the services could not be listed. */
  readonly taskDefinitions: Outcome<TaskDefinitionRead[]>;
  /** Services in scope that could not be described, with why. */
  readonly undescribed: ReadonlyArray<{ readonly arn: string; readonly error: unknown }>;
  /** How many functions and ECS services the scope holds (0 when their listing failed). */
  readonly inScope: number;
}

const identity = (resource: { readonly arn: string; readonly name: string }) => ({
  arn: resource.arn,
  names: [resource.name],
});

/**
 * Lists the functions and ECS services, keeps those in `scope` before any per-resource call, then
 * describes the services in scope (per cluster, ten per call) and reads each distinct task
 * definition once.
 */
export async function readScopedWorkloads(
  account: AccountPorts,
  scope: CheckScope,
): Promise<ScopedWorkloads> {
  const [functions, services] = await Promise.all([
    settle(() => account.tracing.listFunctions()),
    settle(() => account.workloads.listEcsServices()),
  ]);
  const scopedFunctions: Outcome<TracedFunction[]> = functions.ok
    ? { ok: true, value: scope.select(functions.value, identity) }
    : functions;
  if (!services.ok) {
    return {
      functions: scopedFunctions,
      taskDefinitions: services,
      undescribed: [],
      inScope: scopedFunctions.ok ? scopedFunctions.value.length : 0,
    };
  }
  const scopedServices = scope.select(services.value, identity);
  const byCluster = new Map<string, EcsServiceRef[]>();
  for (const service of scopedServices) {
    byCluster.set(service.clusterArn, [...(byCluster.get(service.clusterArn) ?? []), service]);
  }
  const undescribed: { arn: string; error: unknown }[] = [];
  const uses = new Map<string, string[]>();
  await mapWithConcurrency([...byCluster], ECS_CONCURRENCY, async ([cluster, members]) => {
    const described = await settle(() =>
      account.workloads.describeEcsServices(
        cluster,
        members.map((m) => m.arn),
      ),
    );
    if (!described.ok) {
      undescribed.push(...members.map((m) => ({ arn: m.arn, error: described.error })));
      return;
    }
    for (const service of described.value) {
      uses.set(service.taskDefinitionArn, [...(uses.get(service.taskDefinitionArn) ?? []), service.name]);
    }
  });
  const taskDefinitions = await mapWithConcurrency(
    [...uses].sort(([a], [b]) => a.localeCompare(b)),
    ECS_CONCURRENCY,
    async ([arn, names]): Promise<TaskDefinitionRead> => ({
      use: { arn, services: names.sort() },
      definition: await settle(() => account.workloads.taskDefinition(arn)),
    }),
  );
  return {
    functions: scopedFunctions,
    taskDefinitions: { ok: true, value: taskDefinitions },
    undescribed,
    inScope: (scopedFunctions.ok ? scopedFunctions.value.length : 0) + scopedServices.length,
  };
}
