import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The load-balancing family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const loadBalancingCatalogue = {
  'load-balancer-health-checks': {
    id: 'load-balancer-health-checks',
    title: "The service's target groups check their targets sensibly, and every target is healthy now",
    permissions: [
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetHealth',
      ...SCOPE_PERMISSIONS,
    ],
    scope: { kind: 'resources', types: ['elasticloadbalancing:targetgroup'] },
  },
} as const satisfies FamilyCatalogue;
