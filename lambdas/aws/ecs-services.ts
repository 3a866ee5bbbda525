import {
  DescribeServicesCommand,
  type ECSClient,
  paginateListClusters,
  paginateListServices,
  type Service,
} from '@aws-sdk/client-ecs';
import { mapWithConcurrency } from '../core/concurrency';
import { AwsCallError } from '../core/errors';
import { callAws, collectPages } from './call';
import { required } from './required';

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

const DESCRIBE_SERVICES = 'ecs:DescribeServices';

/** DescribeServices takes at most ten services a call. */
export const DESCRIBE_SERVICES_BATCH = 10;

/** A service DescribeServices answered as a failure other than `MISSING`: it could not be described. */
export interface EcsDescribeFailure {
  readonly arn: string;
  /** The failure, naming the call, ECS's reason, the service and ECS's detail. */
  readonly error: AwsCallError;
}

/** What DescribeServices answered for services of one cluster. */
export interface EcsServicesDescribed {
  readonly services: Service[];
  /** Services ECS could not describe; those gone since the listing (`MISSING`) are not among them. */
  readonly failures: EcsDescribeFailure[];
}

/**
 * The given services of one cluster, ten to a DescribeServices call. A service ECS reports
 * `MISSING` (deleted since the listing) is left out; any other failure is returned with the
 * service it names, for the caller to report rather than lose. A service the answer neither
 * describes nor reports is a malformed answer.
 */
export async function describeEcsServiceBatches(
  client: ECSClient,
  clusterArn: string,
  serviceArns: readonly string[],
): Promise<EcsServicesDescribed> {
  const services: Service[] = [];
  const failures: EcsDescribeFailure[] = [];
  for (let i = 0; i < serviceArns.length; i += DESCRIBE_SERVICES_BATCH) {
    const batch = serviceArns.slice(i, i + DESCRIBE_SERVICES_BATCH);
    const answer = await callAws(DESCRIBE_SERVICES, () =>
      client.send(new DescribeServicesCommand({ cluster: clusterArn, services: batch })),
    );
    const described = answer.services ?? [];
    const reported = new Set((answer.failures ?? []).map((f) => f.arn));
    for (const arn of batch) {
      if (!reported.has(arn) && !described.some((s) => s.serviceArn === arn)) {
        required(DESCRIBE_SERVICES, `services[] for ${arn}`, undefined);
      }
    }
    services.push(...described);
    for (const failure of answer.failures ?? []) {
      if (failure.reason === 'MISSING') continue;
      const arn = failure.arn ?? clusterArn;
      failures.push({
        arn,
        error: new AwsCallError(
          DESCRIBE_SERVICES,
          'other',
          failure.reason ?? 'Failure',
          `${arn}: ${failure.detail ?? 'no detail'}`,
        ),
      });
    }
  }
  return { services, failures };
}
