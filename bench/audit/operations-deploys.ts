import type { SyntheticDeploys } from './account-deploys';
import { DEPLOYMENT_CONFIGS } from './account-deploys';
import { type Operation, page, ServiceError, since, withToken } from './operations';

type Filter = { Key?: string; Values?: string[] };

/** The deployment operations the local endpoint answers (CodeDeploy, ECS, Lambda aliases, SSM Automation). */
export function deployOperations(deploys: SyntheticDeploys): Record<string, Operation> {
  const clusterArns = [...deploys.clusters.keys()];
  return {
    'codedeploy:GetDeploymentGroup': (p) => {
      const group = deploys.groups.get(`${String(p.applicationName)}/${String(p.deploymentGroupName)}`);
      if (group === undefined)
        return new ServiceError('DeploymentGroupDoesNotExistException', 'no such group');
      return { deploymentGroupInfo: group };
    },
    'codedeploy:GetDeploymentConfig': (p) => {
      const config = DEPLOYMENT_CONFIGS.get(String(p.deploymentConfigName));
      if (config === undefined)
        return new ServiceError('DeploymentConfigDoesNotExistException', 'no such config');
      return { deploymentConfigInfo: config };
    },
    'ecs:ListClusters': (p) => {
      const { items, next } = page('ecs:ListClusters', clusterArns, p.nextToken, p.maxResults);
      return { clusterArns: items, ...withToken('nextToken', next) };
    },
    'ecs:ListServices': (p) => {
      const services = (deploys.clusters.get(String(p.cluster)) ?? []).map((s) => s.serviceArn as string);
      const { items, next } = page('ecs:ListServices', services, p.nextToken, p.maxResults);
      return { serviceArns: items, ...withToken('nextToken', next) };
    },
    'ecs:DescribeServices': (p) => {
      const wanted = (p.services as string[] | undefined) ?? [];
      if (wanted.length > 10) return new ServiceError('InvalidParameterException', 'at most 10 services');
      const services = (deploys.clusters.get(String(p.cluster)) ?? []).filter((s) =>
        wanted.includes(s.serviceArn as string),
      );
      const found = new Set(services.map((s) => s.serviceArn));
      return {
        services,
        failures: wanted.filter((arn) => !found.has(arn)).map((arn) => ({ arn, reason: 'MISSING' })),
      };
    },
    'lambda:GetAlias': (p) => {
      const alias = String(p.Name) === 'live' ? deploys.aliases.get(String(p.FunctionName)) : undefined;
      if (alias === undefined) {
        return new ServiceError('ResourceNotFoundException', `Alias not found: ${String(p.Name)}`, 404);
      }
      return alias;
    },
    'ssm:DescribeAutomationExecutions': (p) => {
      const filters = (p.Filters as Filter[] | undefined) ?? [];
      const value = (key: string) => filters.find((f) => f.Key === key)?.Values?.[0];
      const prefix = value('DocumentNamePrefix');
      const after = value('StartTimeAfter');
      const runs = deploys.runs.filter(
        (run) =>
          (prefix === undefined || String(run.DocumentName).startsWith(prefix)) &&
          (after === undefined || (run.ExecutionStartTime as Date).getTime() >= since(after)),
      );
      const { items, next } = page('ssm:DescribeAutomationExecutions', runs, p.NextToken, p.MaxResults);
      return { AutomationExecutionMetadataList: items, ...withToken('NextToken', next) };
    },
  };
}
