import { ECSClient, paginateListClusters, paginateListServices } from '@aws-sdk/client-ecs';
import { paginateDescribeAutomationExecutions, SSMClient } from '@aws-sdk/client-ssm';
import { collectPages } from '../../lambdas/aws/call';
import type { AwsClientOptions } from '../../lambdas/aws/client-config';
import { clientConfig } from '../../lambdas/aws/client-config';
import { describeEcsServices } from '../../lambdas/aws/deploys/ecs';
import type {
  AutomationExecution,
  DeploysPorts,
  EcsServiceRef,
} from '../../lambdas/core/checks/deploys/ports';
import { mapWithConcurrency } from '../../lambdas/core/concurrency';

/**
 * The deploys ports the naive way where there is one: services listed at the default page size and
 * described one per call; a document's runs read from the whole Automation history, unfiltered.
 * Deployment groups, configurations and aliases have no cheaper or costlier way: ours.
 */
export function naiveDeploysPorts(
  ours: DeploysPorts,
  options: AwsClientOptions,
  fanOut: number,
): DeploysPorts {
  const config = clientConfig(options);
  const ecs = new ECSClient(config);
  const ssm = new SSMClient(config);
  return {
    ...ours,
    listEcsServices: async (): Promise<EcsServiceRef[]> => {
      const clusters = await collectPages(
        'ecs:ListClusters',
        paginateListClusters({ client: ecs }, {}),
        (p) => p.clusterArns,
      );
      const perCluster = await mapWithConcurrency(clusters, fanOut, async (clusterArn) =>
        (
          await collectPages(
            'ecs:ListServices',
            paginateListServices({ client: ecs }, { cluster: clusterArn }),
            (p) => p.serviceArns,
          )
        ).map((arn) => ({ arn, name: arn.slice(arn.lastIndexOf('/') + 1), clusterArn })),
      );
      return perCluster.flat();
    },
    describeEcsServices: async (cluster, arns) => {
      const reads = await mapWithConcurrency(arns, fanOut, (arn) => describeEcsServices(ecs, cluster, [arn]));
      return { services: reads.flatMap((r) => r.services), failures: reads.flatMap((r) => r.failures) };
    },
    automationExecutions: async (document, since): Promise<AutomationExecution[]> => {
      const runs = await collectPages(
        'ssm:DescribeAutomationExecutions',
        paginateDescribeAutomationExecutions({ client: ssm }, {}),
        (p) => p.AutomationExecutionMetadataList,
      );
      return runs
        .filter(
          (r) =>
            r.DocumentName === document &&
            (since === undefined || (r.ExecutionStartTime ?? new Date(0)) >= since),
        )
        .map((r) => ({
          id: r.AutomationExecutionId ?? '',
          documentName: r.DocumentName ?? '',
          status: r.AutomationExecutionStatus ?? '',
          ...(r.ExecutionStartTime === undefined ? {} : { startedAt: r.ExecutionStartTime }),
          ...(r.ExecutionEndTime === undefined ? {} : { endedAt: r.ExecutionEndTime }),
        }));
    },
  };
}
