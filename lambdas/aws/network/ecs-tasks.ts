import { DescribeTasksCommand, type ECSClient, paginateListTasks } from '@aws-sdk/client-ecs';
import type { EcsServiceRef } from '../../core/checks/network/ports';
import { callAws, collectPages } from '../call';

const LIST_TASKS = 'ecs:ListTasks';
const DESCRIBE_TASKS = 'ecs:DescribeTasks';

/** ListTasks' largest page, and the most tasks DescribeTasks takes in one call. */
export const TASKS_PER_CALL = 100;

/** Tasks ECS lists by desired status: running ones, and those being stopped (their interfaces still attached). */
const DESIRED_STATUSES = ['RUNNING', 'STOPPED'] as const;

/**
 * The network interfaces of the given ECS services' tasks, each to its service's ARN: per service
 * and desired status one paginated ListTasks (filtered by the service, in its cluster) and one
 * DescribeTasks per 100 tasks, whose ENI attachments name the interface. Tasks being stopped are
 * listed too: a task draining connections keeps its interface, and its security groups, until
 * ECS deprovisions it.
 */
export async function taskInterfaces(
  client: ECSClient,
  services: readonly EcsServiceRef[],
): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const service of services) {
    for (const desiredStatus of DESIRED_STATUSES) {
      const tasks = await collectPages(
        LIST_TASKS,
        paginateListTasks(
          { client, pageSize: TASKS_PER_CALL },
          { cluster: service.clusterArn, serviceName: service.name, desiredStatus },
        ),
        (page) => page.taskArns,
      );
      for (let i = 0; i < tasks.length; i += TASKS_PER_CALL) {
        const answer = await callAws(DESCRIBE_TASKS, () =>
          client.send(
            new DescribeTasksCommand({
              cluster: service.clusterArn,
              tasks: tasks.slice(i, i + TASKS_PER_CALL),
            }),
          ),
        );
        // A task stopped since the listing is a failure (MISSING) with nothing left to attribute.
        for (const task of answer.tasks ?? []) {
          for (const attachment of task.attachments ?? []) {
            if (attachment.type !== 'ElasticNetworkInterface') continue;
            const eni = attachment.details?.find((d) => d.name === 'networkInterfaceId')?.value;
            if (eni !== undefined && !owners.has(eni)) owners.set(eni, service.arn);
          }
        }
      }
    }
  }
  return owners;
}
