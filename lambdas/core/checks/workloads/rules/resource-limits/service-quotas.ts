import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { resourceLimitsFinding } from '../../finding';
import type { ServiceQuota } from '../../ports';

/** The thresholds of the service-quotas rule (the resource-limits check's settings). */
export interface QuotaThresholds {
  readonly quotaWarnPercent: number;
  readonly quotaFailPercent: number;
  readonly quotaLookbackHours: number;
}

/** The usage datapoints are one per minute: a rate quota per second compares with a minute's sum / 60. */
export const USAGE_PERIOD_SECONDS = 60;

/** Quotas are account-wide: every finding of this rule says so in its evidence. */
const ACCOUNT = { scope: 'account' } as const;

/** The account's quotas resource, from one quota's ARN (`arn:aws:servicequotas:<region>:<account>:*`). */
export function quotasResource(quotas: readonly ServiceQuota[]): string {
  const parts = quotas[0]?.arn.split(':');
  return parts === undefined || parts.length < 6 ? '*' : `${parts.slice(0, 5).join(':')}:*`;
}

/**
 * The peak usage in the quota's own unit: the highest datapoint, and for a rate quota summed per
 * minute (`Sum` of `CallCount`), that minute's sum spread over the quota's period.
 */
export function peakUsage(quota: ServiceQuota, datapoints: readonly number[]): number | undefined {
  if (datapoints.length === 0) return undefined;
  const peak = Math.max(...datapoints);
  const perPeriod =
    quota.periodSeconds !== undefined && quota.usageMetric?.statistic === 'Sum'
      ? (peak * quota.periodSeconds) / USAGE_PERIOD_SECONDS
      : peak;
  return perPeriod;
}

const percentOf = (usage: number, quota: number) => Math.round((usage / quota) * 1000) / 10;

/**
 * `service-quotas`: usage against quota, for each quota with a usage metric. At or above
 * `quotaFailPercent` FAIL, at or above `quotaWarnPercent` WARN, each against the quota's ARN; below
 * both, one PASS for the account naming the highest usage seen and the quotas without datapoints.
 * No datapoint for any quota: WARN (usage could not be seen), never a pass by silence. Usage that
 * could not be read: ERROR.
 */
export function judgeServiceQuotas(
  quotas: readonly ServiceQuota[],
  usage: Outcome<ReadonlyMap<string, readonly number[]>>,
  idOf: (quota: ServiceQuota) => string,
  thresholds: QuotaThresholds,
): Finding[] {
  const resource = quotasResource(quotas);
  const measurable = quotas.filter((q) => q.usageMetric !== undefined && q.value > 0);
  if (measurable.length === 0) return [];
  if (!usage.ok) {
    return [
      errorFinding(resourceLimitsFinding, 'service-quotas', resource, usage.error, {
        ...ACCOUNT,
        quotas: measurable.length,
      }),
    ];
  }
  const judged = measurable.map((quota) => {
    const peak = peakUsage(quota, usage.value.get(idOf(quota)) ?? []);
    return { quota, peak, percent: peak === undefined ? undefined : percentOf(peak, quota.value) };
  });
  const findings: Finding[] = [];
  for (const { quota, peak, percent } of judged) {
    if (percent === undefined || peak === undefined || percent < thresholds.quotaWarnPercent) continue;
    const status = percent >= thresholds.quotaFailPercent ? 'FAIL' : 'WARN';
    findings.push(
      resourceLimitsFinding('service-quotas', quota.arn, {
        status,
        message: `${quota.serviceCode}: ${quota.quotaName} is at ${percent}% (${peak} of ${quota.value}) at its peak of the last ${thresholds.quotaLookbackHours} h; ${status === 'FAIL' ? 'fail' : 'warn'} at ${status === 'FAIL' ? thresholds.quotaFailPercent : thresholds.quotaWarnPercent}%.`,
        evidence: {
          ...ACCOUNT,
          serviceCode: quota.serviceCode,
          quotaCode: quota.quotaCode,
          quotaName: quota.quotaName,
          quota: quota.value,
          peakUsage: peak,
          percent,
        },
        remediation: `Request an increase (aws service-quotas request-service-quota-increase --service-code ${quota.serviceCode} --quota-code ${quota.quotaCode} --desired-value <value>) or reduce the usage before deploying more.`,
      }),
    );
  }
  const seen = judged.filter((j) => j.percent !== undefined);
  const unseen = judged
    .filter((j) => j.percent === undefined)
    .map((j) => `${j.quota.serviceCode}/${j.quota.quotaCode}`);
  if (seen.length === 0) {
    findings.push(
      resourceLimitsFinding('service-quotas', resource, {
        status: 'WARN',
        message: `Could not see the usage of any of ${measurable.length} quota(s) with a usage metric: no datapoint in the last ${thresholds.quotaLookbackHours} h.`,
        evidence: { ...ACCOUNT, quotas: measurable.length, withoutDatapoints: unseen },
        remediation:
          'Check that the AWS/Usage metrics are published in this region, or widen quotaLookbackHours.',
      }),
    );
  } else if (findings.length === 0) {
    const highest = seen.reduce((a, b) => ((b.percent ?? 0) > (a.percent ?? 0) ? b : a));
    findings.push(
      resourceLimitsFinding('service-quotas', resource, {
        status: 'PASS',
        message: `${seen.length} quota(s) below ${thresholds.quotaWarnPercent}% of their value; highest ${highest.quota.serviceCode}: ${highest.quota.quotaName} at ${highest.percent}%.`,
        evidence: {
          ...ACCOUNT,
          judged: seen.length,
          highest: {
            quotaCode: highest.quota.quotaCode,
            quotaName: highest.quota.quotaName,
            percent: highest.percent,
          },
          withoutDatapoints: unseen,
        },
      }),
    );
  }
  return findings;
}
