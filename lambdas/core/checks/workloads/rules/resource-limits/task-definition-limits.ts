import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { resourceLimitsFinding } from '../../finding';
import type { EcsTaskDefinition } from '../../ports';

/** The ECS services running one task definition. */
export interface TaskDefinitionUse {
  readonly arn: string;
  readonly services: readonly string[];
}

/** True for a task that runs on EC2 instances (no compatibility named is EC2). */
const onEc2 = (definition: EcsTaskDefinition) =>
  definition.requiresCompatibilities.length === 0 || definition.requiresCompatibilities.includes('EC2');

/**
 * `task-definition-limits`: the task definition bounds its memory and CPU, at the task level or on
 * every container. On EC2 a container with neither `memory` nor `memoryReservation` under a task
 * without `memory` can take the whole instance: FAIL. CPU unset for the task and some container:
 * `missingCpu` (WARN by default; on EC2 CPU is a share, not a cap, so it starves neighbours less).
 * The definition that could not be read: ERROR.
 */
export function judgeTaskDefinitionLimits(
  use: TaskDefinitionUse,
  definition: Outcome<EcsTaskDefinition>,
  missingCpu: 'WARN' | 'FAIL',
): Finding {
  const services = [...use.services];
  if (!definition.ok) {
    return errorFinding(resourceLimitsFinding, 'task-definition-limits', use.arn, definition.error, {
      services,
    });
  }
  const td = definition.value;
  const containersWithoutMemory = td.containers
    .filter((c) => c.memory === undefined && c.memoryReservation === undefined)
    .map((c) => c.name);
  const containersWithoutCpu = td.containers.filter((c) => (c.cpu ?? 0) === 0).map((c) => c.name);
  const memoryBounded = td.memory !== undefined || containersWithoutMemory.length === 0;
  const cpuBounded = td.cpu !== undefined || containersWithoutCpu.length === 0;
  const evidence = {
    taskDefinition: td.name,
    services,
    compatibilities: td.requiresCompatibilities.length === 0 ? ['EC2'] : [...td.requiresCompatibilities],
    taskCpu: td.cpu ?? null,
    taskMemory: td.memory ?? null,
    containers: td.containers.map((c) => ({
      name: c.name,
      cpu: c.cpu ?? null,
      memory: c.memory ?? null,
      memoryReservation: c.memoryReservation ?? null,
    })),
  };
  const problems: string[] = [];
  if (!memoryBounded) {
    problems.push(
      `no task memory and no memory or memoryReservation on ${containersWithoutMemory.join(', ')}${
        onEc2(td) ? ': on EC2 such a container may take the whole instance' : ''
      }`,
    );
  }
  if (!cpuBounded) problems.push(`no task cpu and no cpu on ${containersWithoutCpu.join(', ')}`);
  if (problems.length === 0) {
    return resourceLimitsFinding('task-definition-limits', use.arn, {
      status: 'PASS',
      message: `${td.name} sets CPU and memory${td.cpu !== undefined && td.memory !== undefined ? ` (task: ${td.cpu} CPU units, ${td.memory} MiB)` : ' on every container'}.`,
      evidence,
    });
  }
  return resourceLimitsFinding('task-definition-limits', use.arn, {
    status: !memoryBounded ? 'FAIL' : missingCpu,
    message: `${td.name} (run by ${services.join(', ')}) sets ${problems.join('; and ')}.`,
    evidence,
    remediation:
      'Register a new revision with task-level cpu and memory (Fargate requires them) or memory (hard limit) and cpu on every container, then update the service to it.',
  });
}
