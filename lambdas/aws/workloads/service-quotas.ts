import { paginateListServiceQuotas, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { ServiceQuota } from '../../core/checks/workloads/ports';
import { collectPages } from '../call';
import { required } from '../required';

const LIST_SERVICE_QUOTAS = 'servicequotas:ListServiceQuotas';

/** ListServiceQuotas' largest page. */
export const QUOTAS_PAGE_SIZE = 100;

const SECONDS: Readonly<Record<string, number>> = {
  MICROSECOND: 1e-6,
  MILLISECOND: 1e-3,
  SECOND: 1,
  MINUTE: 60,
  HOUR: 3600,
  DAY: 86_400,
  WEEK: 604_800,
};

/** The applied quotas of one service code, with each quota's usage metric when it has one. */
export async function listServiceQuotas(
  client: ServiceQuotasClient,
  serviceCode: string,
): Promise<ServiceQuota[]> {
  const quotas = await collectPages(
    LIST_SERVICE_QUOTAS,
    paginateListServiceQuotas({ client, pageSize: QUOTAS_PAGE_SIZE }, { ServiceCode: serviceCode }),
    (page) => page.Quotas,
  );
  return quotas.map((quota) => {
    const metric = quota.UsageMetric;
    const period =
      quota.Period?.PeriodValue === undefined || quota.Period.PeriodUnit === undefined
        ? undefined
        : quota.Period.PeriodValue * (SECONDS[quota.Period.PeriodUnit] ?? Number.NaN);
    return {
      arn: required(LIST_SERVICE_QUOTAS, 'Quotas[].QuotaArn', quota.QuotaArn),
      serviceCode: quota.ServiceCode ?? serviceCode,
      quotaCode: required(LIST_SERVICE_QUOTAS, 'Quotas[].QuotaCode', quota.QuotaCode),
      quotaName: required(LIST_SERVICE_QUOTAS, 'Quotas[].QuotaName', quota.QuotaName),
      value: required(LIST_SERVICE_QUOTAS, 'Quotas[].Value', quota.Value),
      ...(period === undefined || !Number.isFinite(period) ? {} : { periodSeconds: period }),
      ...(metric?.MetricNamespace === undefined || metric.MetricName === undefined
        ? {}
        : {
            usageMetric: {
              namespace: metric.MetricNamespace,
              metricName: metric.MetricName,
              dimensions: { ...(metric.MetricDimensions ?? {}) },
              statistic: metric.MetricStatisticRecommendation ?? 'Maximum',
            },
          }),
    };
  });
}
