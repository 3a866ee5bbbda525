import type { SyntheticAccount } from './account';
import { rollbackDocuments } from './account-deploys';
import { pageSizeOf } from './rates';

const pages = (key: string, items: number) => Math.max(1, Math.ceil(items / pageSizeOf(key).max));
const DAY = 86_400_000;
const FINISHED = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

/**
 * The fewest calls the deploys checks could make: the cluster and service listings at the largest
 * page, ten services to a describe, the function listing and one alias lookup per function (no
 * listing carries aliases), one read per configured group and per distinct configuration, one
 * account lookup for the groups' ARNs, the alarm listing and the subscriptions of the topics the
 * rollback alarms notify; per rollback document, the pages of its runs in the period (and of its
 * whole history when none finished there).
 */
export function deploysLowerBounds(account: SyntheticAccount, now: Date) {
  const { deploys } = account;
  const clusters = [...deploys.clusters.values()];
  const groups = [...deploys.groups.values()];
  const ecsNative = clusters
    .flat()
    .filter((s) => (s.deploymentController as { type: string }).type === 'ECS');
  const alarmNames = new Set([
    ...groups.flatMap((g) =>
      ((g.alarmConfiguration as { alarms: { name: string }[] }).alarms ?? []).map((a) => a.name),
    ),
    ...ecsNative.flatMap(
      (s) => (s.deploymentConfiguration as { alarms?: { alarmNames: string[] } }).alarms?.alarmNames ?? [],
    ),
  ]);
  const topics = new Set(
    account.alarms
      .filter((a) => alarmNames.has(a.AlarmName as string) && a.ActionsEnabled === true)
      .flatMap((a) => a.AlarmActions as string[]),
  );
  const topicPages = [...topics].reduce(
    (sum, arn) => sum + pages('sns:ListSubscriptionsByTopic', account.topics.get(arn)?.length ?? 0),
    0,
  );
  const strategy =
    pages('ecs:ListClusters', clusters.length) +
    clusters.reduce((sum, services) => sum + pages('ecs:ListServices', services.length), 0) +
    clusters.reduce((sum, services) => sum + Math.ceil(services.length / 10), 0) +
    pages('lambda:ListFunctions', account.functions.length) +
    account.functions.length +
    account.size.deploymentGroups +
    new Set(groups.map((g) => g.deploymentConfigName)).size +
    1 +
    pages('monitoring:DescribeAlarms', account.alarms.length) +
    topicPages;
  const since = now.getTime() - 90 * DAY;
  const rollback = rollbackDocuments(account.size.rollbackDocuments).reduce((sum, document) => {
    const all = deploys.runs.filter((r) => r.DocumentName === document);
    const recent = all.filter((r) => (r.ExecutionStartTime as Date).getTime() >= since);
    const finished = recent.some((r) => FINISHED.has(r.AutomationExecutionStatus as string));
    const key = 'ssm:DescribeAutomationExecutions';
    return sum + pages(key, recent.length) + (finished ? 0 : pages(key, all.length));
  }, 0);
  return { 'deployment-strategy': strategy, 'rollback-tested': rollback };
}
