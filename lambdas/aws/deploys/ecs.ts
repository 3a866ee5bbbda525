import type { ECSClient } from '@aws-sdk/client-ecs';
import type { EcsService, EcsServicesRead } from '../../core/checks/deploys/ports';
import { describeEcsServiceBatches, ecsServiceNameOfArn as nameOfArn } from '../ecs-services';
import { required } from '../required';

export { DESCRIBE_SERVICES_BATCH, ECS_PAGE_SIZE, listEcsServices } from '../ecs-services';

const DESCRIBE_SERVICES = 'ecs:DescribeServices';

/**
 * The deployment settings of services of one cluster, ten to a call. A service gone since the
 * listing (`MISSING`) is left out; one ECS could not describe for any other reason is returned
 * among the failures, so the check reports it instead of passing it by omission.
 */
export async function describeEcsServices(
  client: ECSClient,
  clusterArn: string,
  serviceArns: readonly string[],
): Promise<EcsServicesRead> {
  const { services, failures } = await describeEcsServiceBatches(client, clusterArn, serviceArns);
  const described: EcsService[] = [];
  for (const s of services) {
    const arn = required(DESCRIBE_SERVICES, 'services[].serviceArn', s.serviceArn);
    const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker;
    const alarms = s.deploymentConfiguration?.alarms;
    described.push({
      arn,
      name: s.serviceName ?? nameOfArn(arn),
      clusterArn: s.clusterArn ?? clusterArn,
      // No controller in the answer is ECS's default, the rolling update.
      deploymentController: s.deploymentController?.type ?? 'ECS',
      ...(breaker === undefined
        ? {}
        : { circuitBreaker: { enable: breaker.enable === true, rollback: breaker.rollback === true } }),
      ...(alarms === undefined
        ? {}
        : {
            alarms: {
              names: alarms.alarmNames ?? [],
              enable: alarms.enable === true,
              rollback: alarms.rollback === true,
            },
          }),
    });
  }
  return { services: described, failures };
}
