import { REST_API_READS } from '../api-gateway/permissions';
import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The tracing family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const tracingCatalogue = {
  tracing: {
    id: 'tracing',
    title: "X-Ray tracing is on for the service's Lambda functions, state machines and REST API stages",
    permissions: [
      'lambda:ListFunctions',
      'states:ListStateMachines',
      'states:DescribeStateMachine',
      ...SCOPE_PERMISSIONS,
    ],
    resourcePermissions: [REST_API_READS],
    scope: { kind: 'resources', types: ['lambda:function', 'states:stateMachine', 'apigateway:restapis'] },
  },
} as const satisfies FamilyCatalogue;
