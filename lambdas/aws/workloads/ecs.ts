import { type ContainerDefinition, DescribeTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { EcsContainer, EcsService, EcsTaskDefinition } from '../../core/checks/workloads/ports';
import { callAws } from '../call';
import { readEach } from '../each-resource';
import { describeEcsServiceBatches } from '../ecs-services';
import { required } from '../required';

export { DESCRIBE_SERVICES_BATCH, ECS_PAGE_SIZE } from '../ecs-services';

const DESCRIBE_SERVICES = 'ecs:DescribeServices';
const DESCRIBE_TASK_DEFINITION = 'ecs:DescribeTaskDefinition';

/**
 * The given services of one cluster, ten per DescribeServices call; a service gone since listing
 * is left out, and any other failure fails the whole reading.
 */
export async function describeEcsServices(
  client: ECSClient,
  clusterArn: string,
  serviceArns: readonly string[],
): Promise<EcsService[]> {
  const { services, failures } = await describeEcsServiceBatches(client, clusterArn, serviceArns);
  const [failure] = failures;
  if (failure !== undefined) throw failure.error;
  return readEach(
    DESCRIBE_SERVICES,
    services,
    (service) => ({ arn: service.serviceArn, names: [service.serviceName] }),
    (service) => ({
      arn: required(DESCRIBE_SERVICES, 'services[].serviceArn', service.serviceArn),
      name: required(DESCRIBE_SERVICES, 'services[].serviceName', service.serviceName),
      clusterArn: service.clusterArn ?? clusterArn,
      taskDefinitionArn: required(DESCRIBE_SERVICES, 'services[].taskDefinition', service.taskDefinition),
    }),
  );
}

function toContainer(container: ContainerDefinition): EcsContainer {
  return {
    name: required(DESCRIBE_TASK_DEFINITION, 'containerDefinitions[].name', container.name),
    ...(container.cpu === undefined ? {} : { cpu: container.cpu }),
    ...(container.memory === undefined ? {} : { memory: container.memory }),
    ...(container.memoryReservation === undefined ? {} : { memoryReservation: container.memoryReservation }),
    environment: (container.environment ?? []).map((v) => ({
      name: required(DESCRIBE_TASK_DEFINITION, 'containerDefinitions[].environment[].name', v.name),
      value: v.value ?? '',
    })),
    secrets: (container.secrets ?? []).map((s) => ({
      name: required(DESCRIBE_TASK_DEFINITION, 'containerDefinitions[].secrets[].name', s.name),
      valueFrom: required(
        DESCRIBE_TASK_DEFINITION,
        'containerDefinitions[].secrets[].valueFrom',
        s.valueFrom,
      ),
    })),
  };
}

/** One task definition with its containers' limits, plain environment and secret references. */
export async function describeTaskDefinition(client: ECSClient, arn: string): Promise<EcsTaskDefinition> {
  const answer = await callAws(DESCRIBE_TASK_DEFINITION, () =>
    client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
  );
  const td = required(DESCRIBE_TASK_DEFINITION, 'taskDefinition', answer.taskDefinition);
  const family = required(DESCRIBE_TASK_DEFINITION, 'taskDefinition.family', td.family);
  const revision = required(DESCRIBE_TASK_DEFINITION, 'taskDefinition.revision', td.revision);
  return {
    arn: required(DESCRIBE_TASK_DEFINITION, 'taskDefinition.taskDefinitionArn', td.taskDefinitionArn),
    name: `${family}:${revision}`,
    requiresCompatibilities: td.requiresCompatibilities ?? [],
    ...(td.cpu === undefined ? {} : { cpu: td.cpu }),
    ...(td.memory === undefined ? {} : { memory: td.memory }),
    containers: required(
      DESCRIBE_TASK_DEFINITION,
      'taskDefinition.containerDefinitions',
      td.containerDefinitions,
    ).map(toContainer),
  };
}
