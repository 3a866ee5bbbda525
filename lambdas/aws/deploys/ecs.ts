import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { EcsService } from '../../core/checks/deploys/ports';
import { callAws } from '../call';
import { ecsServiceNameOfArn as nameOfArn } from '../ecs-services';
import { required } from '../required';

export { ECS_PAGE_SIZE, listEcsServices } from '../ecs-services';

const DESCRIBE_SERVICES = 'ecs:DescribeServices';

/** DescribeServices takes at most ten services a call. */
export const DESCRIBE_SERVICES_BATCH = 10;

/**
 * The deployment settings of services of one cluster, ten to a call. A service DescribeServices
 * reports as a failure (gone since the listing) is left out; one it neither describes nor
 * reports is a malformed answer.
 */
export async function describeEcsServices(
  client: ECSClient,
  clusterArn: string,
  serviceArns: readonly string[],
): Promise<EcsService[]> {
  const batches: string[][] = [];
  for (let i = 0; i < serviceArns.length; i += DESCRIBE_SERVICES_BATCH) {
    batches.push(serviceArns.slice(i, i + DESCRIBE_SERVICES_BATCH));
  }
  const described: EcsService[] = [];
  for (const batch of batches) {
    const answer = await callAws(DESCRIBE_SERVICES, () =>
      client.send(new DescribeServicesCommand({ cluster: clusterArn, services: batch })),
    );
    const services = answer.services ?? [];
    const failed = new Set((answer.failures ?? []).map((f) => f.arn));
    for (const arn of batch) {
      if (!failed.has(arn) && !services.some((s) => s.serviceArn === arn)) {
        required(DESCRIBE_SERVICES, `services[] for ${arn}`, undefined);
      }
    }
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
  }
  return described;
}
