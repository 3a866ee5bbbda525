import { type ECSClient, paginateListClusters, paginateListServices } from '@aws-sdk/client-ecs';
import { mapWithConcurrency } from '../core/concurrency';
import { collectPages } from './call';

const LIST_CLUSTERS = 'ecs:ListClusters';
const LIST_SERVICES = 'ecs:ListServices';

/** ListClusters' and ListServices' largest page. */
export const ECS_PAGE_SIZE = 100;
/** Clusters listed at once by default: ECS's list calls share one account rate. */
export const CLUSTER_CONCURRENCY = 2;

/** An ECS service as the listings name it: ARN, name and cluster (no describe yet). */
export interface ListedEcsService {
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
}

/** `arn:aws:ecs:…:service/cluster/name` (or the old `service/name`): the name is the last part. */
export const ecsServiceNameOfArn = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * Every service of every cluster of the region, from the listings alone (ARNs carry the names), in
 * the clusters' order; the workloads and deployment-strategy checks both start from it.
 */
export async function listEcsServices(
  client: ECSClient,
  clusterConcurrency = CLUSTER_CONCURRENCY,
): Promise<ListedEcsService[]> {
  const clusters = await collectPages(
    LIST_CLUSTERS,
    paginateListClusters({ client, pageSize: ECS_PAGE_SIZE }, {}),
    (page) => page.clusterArns,
  );
  const perCluster = await mapWithConcurrency(clusters, clusterConcurrency, async (clusterArn) => {
    const arns = await collectPages(
      LIST_SERVICES,
      paginateListServices({ client, pageSize: ECS_PAGE_SIZE }, { cluster: clusterArn }),
      (page) => page.serviceArns,
    );
    return arns.map((arn) => ({ arn, name: ecsServiceNameOfArn(arn), clusterArn }));
  });
  return perCluster.flat();
}
