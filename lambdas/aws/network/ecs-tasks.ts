import { DescribeTasksCommand, type ECSClient, paginateListTasks } from '@aws-sdk/client-ecs';
import { callAws, collectPages } from '../call';

const LIST_TASKS = 'ecs:ListTasks';
const DESCRIBE_TASKS = 'ecs:DescribeTasks';

/** ListTasks' largest page, and the most tasks DescribeTasks takes in one call. */
export const TASKS_PER_CALL = 100;

/** `arn:…:ecs:…:service/<cluster>/<name>`: its cluster and name; the old `service/<name>` names no cluster. */
function clusterAndName(arn: string): { cluster: string; name: string } | undefined {
  const match = /:service\/([^/]+)\/([^/]+)$/.exec(arn);
  return match === null ? undefined : { cluster: match[1] as string, name: match[2] as string };
}

/**
 * The network interfaces of the running tasks of the given ECS services, each to its service's ARN:
 * per service one paginated ListTasks (filtered by the service) and one DescribeTasks per 100 tasks,
 * whose ENI attachments name the interface. A service ARN in the old format (no cluster) is skipped:
 * ListTasks needs the cluster.
 */
export async function taskInterfaces(
  client: ECSClient,
  services: readonly string[],
): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const service of services) {
    const where = clusterAndName(service);
    if (where === undefined) continue;
    const tasks = await collectPages(
      LIST_TASKS,
      paginateListTasks(
        { client, pageSize: TASKS_PER_CALL },
        { cluster: where.cluster, serviceName: where.name },
      ),
      (page) => page.taskArns,
    );
    for (let i = 0; i < tasks.length; i += TASKS_PER_CALL) {
      const answer = await callAws(DESCRIBE_TASKS, () =>
        client.send(
          new DescribeTasksCommand({ cluster: where.cluster, tasks: tasks.slice(i, i + TASKS_PER_CALL) }),
        ),
      );
      // A task stopped since the listing is a failure (MISSING) with nothing left to attribute.
      for (const task of answer.tasks ?? []) {
        for (const attachment of task.attachments ?? []) {
          if (attachment.type !== 'ElasticNetworkInterface') continue;
          const eni = attachment.details?.find((d) => d.name === 'networkInterfaceId')?.value;
          if (eni !== undefined) owners.set(eni, service);
        }
      }
    }
  }
  return owners;
}
