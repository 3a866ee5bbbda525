import {
  DescribeServicesCommand,
  type ECSClient,
  paginateListClusters,
  paginateListServices,
} from '@aws-sdk/client-ecs';
import type { EcsService, EcsServiceRef } from '../../core/checks/deploys/ports';
import { mapWithConcurrency } from '../../core/concurrency';
import { callAws, collectPages } from '../call';
import { required } from '../required';

const LIST_CLUSTERS = 'ecs:ListClusters';
const LIST_SERVICES = 'ecs:ListServices';
const DESCRIBE_SERVICES = 'ecs:DescribeServices';

/** ListClusters' and ListServices' largest page. */
export const ECS_PAGE_SIZE = 100;
/** DescribeServices takes at most ten services a call. */
export const DESCRIBE_SERVICES_BATCH = 10;
/** Clusters listed at once: ECS's list calls share one account rate. */
const CLUSTER_CONCURRENCY = 2;

/** `arn:aws:ecs:…:service/cluster/name` (or the old `service/name`): the name is the last part. */
const nameOfArn = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Every service of every cluster of the region, from the listings alone (ARNs carry the names). */
export async function listEcsServices(client: ECSClient): Promise<EcsServiceRef[]> {
  const clusters = await collectPages(
    LIST_CLUSTERS,
    paginateListClusters({ client, pageSize: ECS_PAGE_SIZE }, {}),
    (page) => page.clusterArns,
  );
  const perCluster = await mapWithConcurrency(clusters, CLUSTER_CONCURRENCY, async (clusterArn) => {
    const arns = await collectPages(
      LIST_SERVICES,
      paginateListServices({ client, pageSize: ECS_PAGE_SIZE }, { cluster: clusterArn }),
      (page) => page.serviceArns,
    );
    return arns.map((arn) => ({ arn, name: nameOfArn(arn), clusterArn }));
  });
  return perCluster.flat();
}

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
