import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The scaling family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const scalingCatalogue = {
  'auto-scaling-policies': {
    id: 'auto-scaling-policies',
    title:
      "The service's ECS services, DynamoDB tables, Aurora clusters and Auto Scaling groups scale, never to one copy, with room to grow",
    permissions: [
      'application-autoscaling:DescribeScalableTargets',
      'application-autoscaling:DescribeScalingPolicies',
      'autoscaling:DescribeAutoScalingGroups',
      'autoscaling:DescribePolicies',
      ...SCOPE_PERMISSIONS,
    ],
    scope: {
      kind: 'resources',
      types: ['ecs:service', 'dynamodb:table', 'rds:cluster', 'autoscaling:autoScalingGroup'],
    },
  },
} as const satisfies FamilyCatalogue;
