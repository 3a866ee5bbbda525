import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The storage family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const storageCatalogue = {
  'disk-space': {
    id: 'disk-space',
    title:
      "The service's databases, search domains and hosts have room now, and will not fill within weeks at the last 7 days' rate",
    permissions: [
      'rds:DescribeDBInstances',
      'cloudwatch:ListMetrics',
      'cloudwatch:GetMetricData',
      ...SCOPE_PERMISSIONS,
    ],
    scope: {
      kind: 'resources',
      types: ['rds:db', 'es:domain', 'ec2:instance', 'autoscaling:autoScalingGroup'],
    },
  },
} as const satisfies FamilyCatalogue;
