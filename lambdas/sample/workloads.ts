import type { SecretsPorts } from '../core/checks/secrets/ports';
import type {
  EcsContainer,
  EcsTaskDefinition,
  QuotaUsageMetric,
  WorkloadsPorts,
} from '../core/checks/workloads/ports';
import { AwsCallError } from '../core/errors';

/** One sample ECS service: where it runs and the task definition it runs. */
export interface SampleEcsService {
  readonly cluster: string;
  readonly name: string;
  readonly taskDefinition: Omit<EcsTaskDefinition, 'arn'>;
}

/** One sample quota with a usage metric, and its peak usage per minute. */
export interface SampleQuota {
  readonly serviceCode: string;
  readonly quotaCode: string;
  readonly quotaName: string;
  readonly value: number;
  readonly metric: QuotaUsageMetric;
  readonly peak: number;
}

/** A container with the given settings; no environment or secrets unless given. */
export const container = (
  name: string,
  settings: Partial<Omit<EcsContainer, 'name'>> = {},
): EcsContainer => ({
  name,
  environment: [],
  secrets: [],
  ...settings,
});

/** The usage metric Service Quotas names for a resource count in AWS/Usage. */
export const resourceCount = (service: string, resource: string): QuotaUsageMetric => ({
  namespace: 'AWS/Usage',
  metricName: 'ResourceCount',
  dimensions: { Service: service, Resource: resource, Type: 'Resource', Class: 'None' },
  statistic: 'Maximum',
});

/**
 * ECS services, quotas and secret metadata of one sample region, served as the workloads ports.
 * Whether a secret or parameter exists is read from the region's secrets ports, so the estate
 * tells one story: a reference to a secret the secrets checks list exists, any other does not.
 */
export function sampleWorkloadsPorts(
  location: { readonly region: string; readonly accountId: string },
  services: readonly SampleEcsService[],
  quotas: readonly SampleQuota[],
  secrets: SecretsPorts,
): WorkloadsPorts {
  const at = `${location.region}:${location.accountId}`;
  const clusterArn = (name: string) => `arn:aws:ecs:${at}:cluster/${name}`;
  const serviceArn = (s: SampleEcsService) => `arn:aws:ecs:${at}:service/${s.cluster}/${s.name}`;
  const taskArn = (td: SampleEcsService['taskDefinition']) => `arn:aws:ecs:${at}:task-definition/${td.name}`;
  const definitions = new Map(services.map((s) => [taskArn(s.taskDefinition), s.taskDefinition]));
  const quotaArn = (q: SampleQuota) => `arn:aws:servicequotas:${at}:${q.serviceCode}/${q.quotaCode}`;
  return {
    listEcsServices: async () =>
      services.map((s) => ({ arn: serviceArn(s), name: s.name, clusterArn: clusterArn(s.cluster) })),
    describeEcsServices: async (cluster, arns) =>
      services
        .filter((s) => clusterArn(s.cluster) === cluster && arns.includes(serviceArn(s)))
        .map((s) => ({
          arn: serviceArn(s),
          name: s.name,
          clusterArn: cluster,
          taskDefinitionArn: taskArn(s.taskDefinition),
        })),
    taskDefinition: async (arn) => {
      const td = definitions.get(arn);
      if (td === undefined) {
        throw new AwsCallError('ecs:DescribeTaskDefinition', 'other', 'ClientException', `${arn} not found`);
      }
      return { ...td, arn };
    },
    listServiceQuotas: async (code) =>
      quotas
        .filter((q) => q.serviceCode === code)
        .map((q) => ({
          arn: quotaArn(q),
          serviceCode: q.serviceCode,
          quotaCode: q.quotaCode,
          quotaName: q.quotaName,
          value: q.value,
          usageMetric: q.metric,
        })),
    usage: async (queries) => {
      const byMetric = new Map(quotas.map((q) => [JSON.stringify(q.metric), q.peak]));
      return new Map(
        queries.map((query) => {
          const peak = byMetric.get(JSON.stringify(query.metric));
          return [query.id, peak === undefined ? [] : [peak * 0.8, peak, peak * 0.9]];
        }),
      );
    },
    secretExists: async (id) => (await secrets.listSecrets()).some((s) => s.arn === id || s.name === id),
    existingParameters: async (names) => {
      const listed = new Set((await secrets.listParameters()).map((p) => p.name));
      return new Set(names.filter((name) => listed.has(name)));
    },
  } satisfies WorkloadsPorts;
}
