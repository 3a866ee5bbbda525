import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The observability family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const observabilityCatalogue = {
  'log-delivery': {
    id: 'log-delivery',
    title: "The service's log groups receive events and have a retention period",
    permissions: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', ...SCOPE_PERMISSIONS],
    scope: { kind: 'resources', types: ['logs:log-group'] },
  },
  'metrics-collection': {
    id: 'metrics-collection',
    title: "The service's key metrics receive datapoints",
    permissions: ['cloudwatch:ListMetrics'],
    // The key metrics are the service's own (services.<name>.keyMetrics).
    scope: { kind: 'settings', key: 'keyMetrics' },
  },
} as const satisfies FamilyCatalogue;
