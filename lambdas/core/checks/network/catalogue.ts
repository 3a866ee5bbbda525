import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The network family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const networkCatalogue = {
  'network-configuration': {
    id: 'network-configuration',
    title:
      "The security groups of the service's network interfaces let nobody in from the internet but on its load balancer's public ports, and its VPC keeps flow logs",
    permissions: [
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeFlowLogs',
      'elasticloadbalancing:DescribeLoadBalancers',
      // A service's Fargate tasks' interfaces, when ECS's managed tags do not name their service
      // (the listings find a service the configuration names, or holds by an old-format ARN).
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:ListTasks',
      'ecs:DescribeTasks',
      ...SCOPE_PERMISSIONS,
    ],
    scope: {
      kind: 'resources',
      types: ['elasticloadbalancing:loadbalancer', 'lambda:function', 'ecs:service'],
    },
  },
} as const satisfies FamilyCatalogue;
