import type { CheckId } from '../../lambdas/core/config/schema';
import { KEY_METRICS, NOW, type SyntheticAccount } from './account';
import { pageSizeOf } from './rates';

/*
 * The fewest calls each check could make on this account: the pages its list calls need at the
 * largest page size, plus the per-resource calls no list carries (DynamoDB PITR, ACM renewal
 * summaries inside the renewal window, IAM keys per user, SNS subscriptions per topic, the newest
 * streams per log group, one metric listing per key metric).
 */

const pages = (key: string, items: number) => Math.max(1, Math.ceil(items / pageSizeOf(key).max));

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
  return {
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
      account.stateMachines.length,
    // Health is per target group: no listing carries it.
    'load-balancer-health-checks':
      pages('elasticloadbalancing:DescribeTargetGroups', account.targetGroups.length) +
      account.targetGroups.length,
    // No listing says which functions have a URL: one lookup per function.
    'cors-policies': pages('lambda:ListFunctions', account.functions.length) + account.functions.length,
    // The interfaces' pages, then the rules of their groups and the flow logs of their VPCs, 200 to a filter.
    'network-configuration': networkPages(account),
    // One web ACL lookup per internet-facing Application Load Balancer: no listing links the two.
    'rate-limiting':
      pages('elasticloadbalancing:DescribeLoadBalancers', account.loadBalancers.length) +
      account.loadBalancers.filter(
        ({ balancer }) => balancer.Type === 'application' && balancer.Scheme === 'internet-facing',
      ).length,
  };
}
