import type { ServiceTarget } from '../services/target';
import type { ReportTarget } from './model';

/** The report's account of whose run it was. */
export function reportTarget(target: ServiceTarget | undefined): ReportTarget | undefined {
  if (target === undefined) return undefined;
  const { regions, account, name } = target.environment;
  return {
    service: target.service,
    environment: name,
    ...(account === undefined ? {} : { account }),
    ...(regions.length === 1 ? { region: regions[0] as string } : {}),
    regions: [...regions],
    implicit: target.implicit,
  };
}
