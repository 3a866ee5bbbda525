import type { Finding } from '../../../../findings';
import { dayCount } from '../../../kit/time';
import { logFinding } from '../../finding';
import type { LogGroup } from '../../ports';

/**
 * `retention`: the log group has a retention period. Without one CloudWatch Logs keeps events
 * forever: a cost that only grows, and personal data kept past any policy. `missingRetention`
 * decides how strongly (WARN by default).
 */
export function judgeRetention(group: LogGroup, missingRetention: 'WARN' | 'FAIL'): Finding {
  const evidence = { logGroup: group.name, retentionInDays: group.retentionInDays ?? null };
  if (group.retentionInDays !== undefined) {
    return logFinding('retention', group.arn, {
      status: 'PASS',
      message: `${group.name} keeps events ${dayCount(group.retentionInDays)}.`,
      evidence,
    });
  }
  return logFinding('retention', group.arn, {
    status: missingRetention,
    message: `${group.name} has no retention period: events are kept forever.`,
    evidence,
    remediation: `Set a retention period (aws logs put-retention-policy --log-group-name ${group.name} --retention-in-days 30), or logRetention / logGroup on the construct that creates it.`,
  });
}
