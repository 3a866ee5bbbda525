import type { CheckId } from '../../lambdas/core/config/schema';
import { KEY_METRICS, NOW, QUOTA_SERVICE_CODES, REGION, type SyntheticAccount } from './account';
import { deploysLowerBounds } from './lower-bound-deploys';
import { pageSizeOf } from './rates';

type Json = Record<string, unknown>;

/*
 * The fewest calls each check could make on this account: the pages its list calls need at the
 * largest page size, plus the per-resource calls no list carries (DynamoDB PITR, ACM renewal
 * summaries inside the renewal window, IAM keys per user, SNS subscriptions per topic, the newest
 * streams per log group, one metric listing per key metric).
 */

const pages = (key: string, items: number) => Math.max(1, Math.ceil(items / pageSizeOf(key).max));

/**
 * The workloads listings: functions, clusters, each cluster's services, the describes ten to a call
 * per cluster, and one read per distinct task definition.
 */
function workloadReads(account: SyntheticAccount): number {
  const perCluster = account.ecsClusters.map(
    (cluster) => account.ecsServices.filter((s) => s.clusterArn === cluster).length,
  );
  return (
    pages('lambda:ListFunctions', account.functions.length) +
    pages('ecs:ListClusters', account.ecsClusters.length) +
    perCluster.reduce((sum, n) => sum + pages('ecs:ListServices', n), 0) +
    perCluster.reduce((sum, n) => sum + Math.ceil(n / 10), 0) +
    new Set(account.ecsServices.map((s) => s.taskDefinition)).size
  );
}

/** One listing per service code, then every usage metric in one GetMetricData per 500. */
function quotaReads(account: SyntheticAccount): number {
  const quotas = QUOTA_SERVICE_CODES.flatMap((code) => account.quotas.get(code) ?? []);
  const measured = quotas.filter((q) => q.UsageMetric !== undefined).length;
  return (
    QUOTA_SERVICE_CODES.reduce(
      (sum, code) => sum + pages('servicequotas:ListServiceQuotas', account.quotas.get(code)?.length ?? 0),
      0,
    ) + Math.ceil(measured / 500)
  );
}

/** The secret and parameter lookups: one DescribeSecret per distinct secret, parameters 50 names a call. */
function referenceReads(account: SyntheticAccount): number {
  const references = [...new Set(account.ecsServices.map((s) => s.taskDefinition as string))].flatMap((arn) =>
    ((account.taskDefinitions.get(arn)?.containerDefinitions as Json[] | undefined) ?? []).flatMap((c) =>
      (c.secrets as { valueFrom: string }[]).map((s) => s.valueFrom),
    ),
  );
  const secrets = new Set(references.filter((r) => r.startsWith('arn:aws:secretsmanager:')));
  const parameters = new Set(references.filter((r) => !r.startsWith('arn:')));
  return secrets.size + Math.ceil(parameters.size / 50);
}

/** The REST APIs' pages, then one GetStages per API: no listing carries a stage. */
function restApiStageReads(account: SyntheticAccount): number {
  return pages('apigateway:GetRestApis', account.apis.restApis.length) + account.apis.restApis.length;
}

/**
 * The REST stages as for tracing, one web ACL lookup per stage the listing says has one, the usage
 * plans when a stage sets no throttle, and the HTTP APIs' pages with one GetStages per API.
 */
function apiStageRateReads(account: SyntheticAccount): number {
  const stages = [...account.apis.restStages.values()].flat();
  const unthrottled = stages.some(
    (s) =>
      (s.methodSettings as Record<string, { throttlingRateLimit?: number }>)['*/*']?.throttlingRateLimit ===
      undefined,
  );
  return (
    restApiStageReads(account) +
    stages.filter((s) => s.webAclArn !== undefined).length +
    (unthrottled ? pages('apigateway:GetUsagePlans', account.apis.usagePlans.length) : 0) +
    pages('apigateway:GetApis', account.apis.httpApis.length) +
    account.apis.httpApis.length
  );
}

function networkPages(account: SyntheticAccount): number {
  const { interfaces, rules, flowLogs } = account.network;
  const groups = [
    ...new Set(interfaces.flatMap((eni) => (eni.groupSet as { groupId: string }[]).map((g) => g.groupId))),
  ];
  const vpcs = [...new Set(interfaces.map((eni) => String(eni.vpcId)))];
  const chunked = (ids: string[], count: (chunk: string[]) => number, key: string) => {
    let total = 0;
    for (let i = 0; i < ids.length; i += 200) total += pages(key, count(ids.slice(i, i + 200)));
    return total;
  };
  return (
    pages('ec2:DescribeNetworkInterfaces', interfaces.length) +
    chunked(
      groups,
      (c) => rules.filter((r) => c.includes(String(r.groupId))).length,
      'ec2:DescribeSecurityGroupRules',
    ) +
    chunked(
      vpcs,
      (c) => flowLogs.filter((l) => c.includes(String(l.resourceId))).length,
      'ec2:DescribeFlowLogs',
    )
  );
}

export function lowerBounds(account: SyntheticAccount): Record<CheckId, number> {
  const secrets = pages('secretsmanager:ListSecrets', account.secrets.length);
  const renewalLookups = account.certificates.filter(({ summary }) => {
    const left = (summary.NotAfter as Date).getTime() - NOW.getTime();
    return summary.Type === 'AMAZON_ISSUED' && summary.Status === 'ISSUED' && left <= 60 * 86_400_000;
  }).length;
  const topics = new Set(
    account.alarms.filter((a) => a.ActionsEnabled === true).flatMap((a) => a.AlarmActions as string[]),
  );
  const topicPages = [...topics].reduce(
    (sum, arn) => sum + pages('sns:ListSubscriptionsByTopic', account.topics.get(arn)?.length ?? 0),
    0,
  );
  const keys = account.users.reduce((sum, u) => sum + u.keys.length, 0);
  // Per namespace: the targets' pages, and the policies' pages when the namespace has a target.
  const scalingPages = ['ecs', 'dynamodb', 'rds'].reduce((sum, namespace) => {
    const targets = account.scalableTargets.filter((t) => t.ServiceNamespace === namespace).length;
    const policies = account.scalingPolicies.filter((p) => p.ServiceNamespace === namespace).length;
    return (
      sum +
      pages('application-autoscaling:DescribeScalableTargets', targets) +
      (targets === 0 ? 0 : pages('application-autoscaling:DescribeScalingPolicies', policies))
    );
  }, 0);
  // Every DB instance, every OpenSearch domain and every disk of an instance with the agent.
  const volumes =
    account.rdsInstances.length +
    account.storageMetrics.filter((m) => m.metric.Namespace === 'AWS/ES').length +
    account.storageMetrics.filter((m) => m.metric.Namespace === 'CWAgent').length;
  const release = account.registry.release.map((ref) => {
    const [repository = '', digest] = ref.replace(/^[^/]+\//, '').split('@');
    const image = account.registry.images.get(repository)?.find((i) => i.digest === digest);
    // Inspector is asked for the severities from warnSeverity (HIGH) up, and the unrated ones.
    const judged = (image?.findings ?? []).filter((f) =>
      ['HIGH', 'CRITICAL', 'UNTRIAGED'].includes(String(f.severity)),
    );
    return { repository, findings: judged.length };
  });
  return {
    // The listings, three metric listings (the third: the running instances' CPU metric), the location
    // for ARNs, then 500 series to a GetMetricData call.
    'disk-space':
      pages('rds:DescribeDBInstances', account.rdsInstances.length) +
      pages('monitoring:ListMetrics', account.reservations.length) +
      pages(
        'monitoring:ListMetrics',
        account.storageMetrics.filter((m) => m.metric.Namespace === 'AWS/ES').length,
      ) +
      pages(
        'monitoring:ListMetrics',
        account.storageMetrics.filter((m) => m.metric.Namespace === 'CWAgent').length,
      ) +
      1 +
      Math.ceil(volumes / 500),
    // Every listing carries what the rules judge: no per-resource call.
    'auto-scaling-policies':
      scalingPages +
      pages('autoscaling:DescribeAutoScalingGroups', account.autoScalingGroups.length) +
      (account.autoScalingGroups.length === 0
        ? 0
        : pages('autoscaling:DescribePolicies', account.groupPolicies.length)),
    // The registry's configuration and Inspector's status once; per image one coverage page and its findings' pages.
    'image-scans':
      2 + release.reduce((sum, image) => sum + 1 + pages('inspector2:ListFindings', image.findings), 0),
    // The registry's configuration once, one lookup by digest per image, one per repository.
    'images-pushed': 1 + release.length + new Set(release.map((image) => image.repository)).size,
    'database-backups':
      pages('rds:DescribeDBInstances', account.rdsInstances.length) +
      pages('rds:DescribeDBClusters', account.rdsClusters.length) +
      pages('dynamodb:ListTables', account.tables.size) +
      account.tables.size +
      1 +
      pages('backup:ListProtectedResources', account.protectedResources.length) +
      pages('backup:ListBackupJobs', account.backupJobs.length) +
      pages('backup:ListRestoreJobs', account.restoreJobs.length),
    'acm-certificates': pages('acm:ListCertificates', account.certificates.length) + renewalLookups,
    'tls-endpoints': 0,
    'secrets-rotation': secrets,
    'secrets-encryption': secrets,
    'ssm-secure-parameters': pages('ssm:DescribeParameters', account.parameters.length),
    'iam-access-keys': pages('iam:ListUsers', account.users.length) + account.users.length + keys,
    alarms: pages('monitoring:DescribeAlarms', account.alarms.length) + topicPages,
    // The groups' pages, then one page of streams per group: the newest event sorts first.
    'log-delivery': pages('logs:DescribeLogGroups', account.logGroups.length) + account.logGroups.length,
    // One filtered ListMetrics per key metric: no listing carries datapoints of several at once.
    'metrics-collection': KEY_METRICS.length,
    // The listing carries each function's tracing mode; only a state machine needs a describe.
    tracing:
      pages('lambda:ListFunctions', account.functions.length) +
      pages('states:ListStateMachines', account.stateMachines.length) +
      account.stateMachines.length +
      restApiStageReads(account),
    // Health is per target group: no listing carries it.
    'load-balancer-health-checks':
      pages('elasticloadbalancing:DescribeTargetGroups', account.targetGroups.length) +
      account.targetGroups.length,
    // No listing says which functions have a URL: one lookup per function.
    // Plus the region's buckets, 10,000 to a page, and one GetBucketCors each: no listing carries CORS.
    'cors-policies':
      pages('lambda:ListFunctions', account.functions.length) +
      account.functions.length +
      pages('apigateway:GetApis', account.apis.httpApis.length) +
      pages('s3:ListBuckets', account.buckets.filter((b) => b.region === REGION).length) +
      account.buckets.filter((b) => b.region === REGION).length,
    // The interfaces' pages, then the rules of their groups and the flow logs of their VPCs, 200 to a filter.
    'network-configuration': networkPages(account),
    // One web ACL lookup per internet-facing Application Load Balancer: no listing links the two.
    'rate-limiting':
      pages('elasticloadbalancing:DescribeLoadBalancers', account.loadBalancers.length) +
      account.loadBalancers.filter(
        ({ balancer }) => balancer.Type === 'application' && balancer.Scheme === 'internet-facing',
      ).length +
      apiStageRateReads(account),
    // The listings, the describes ten to a call, each distinct task definition once, then the quotas.
    'resource-limits': workloadReads(account) + quotaReads(account),
    // The same reads without the quotas, plus each distinct secret and the parameters 50 to a call.
    'environment-variables': workloadReads(account) + referenceReads(account),
    ...deploysLowerBounds(account, NOW),
  };
}
