import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/** What listing the service's functions and ECS services takes. */
const ECS_LIST_PERMISSIONS = [
  'lambda:ListFunctions',
  'ecs:ListClusters',
  'ecs:ListServices',
  'ecs:DescribeServices',
  'ecs:DescribeTaskDefinition',
] as const;

/**
 * The workloads family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const workloadCatalogue = {
  'resource-limits': {
    id: 'resource-limits',
    title:
      "The service's ECS task definitions and Lambda functions set CPU, memory and timeouts deliberately; account quotas have headroom",
    permissions: [
      ...ECS_LIST_PERMISSIONS,
      'servicequotas:ListServiceQuotas',
      'cloudwatch:GetMetricData',
      ...SCOPE_PERMISSIONS,
    ],
    scope: { kind: 'resources', types: ['lambda:function', 'ecs:service'] },
  },
  'environment-variables': {
    id: 'environment-variables',
    title:
      "No secret-looking value in the service's Lambda or ECS environment variables; ECS secrets point at secrets that exist",
    permissions: [
      ...ECS_LIST_PERMISSIONS,
      'secretsmanager:DescribeSecret',
      'ssm:DescribeParameters',
      ...SCOPE_PERMISSIONS,
    ],
    scope: { kind: 'resources', types: ['lambda:function', 'ecs:service'] },
  },
} as const satisfies FamilyCatalogue;
