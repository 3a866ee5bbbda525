import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The alarms family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const alarmCatalogue = {
  alarms: {
    id: 'alarms',
    title: 'Alarms exist, notify someone and are not stuck',
    permissions: [
      'cloudwatch:DescribeAlarms',
      'sns:ListSubscriptionsByTopic',
      'sns:GetTopicAttributes',
      // A topic naming its key by ARN: whether KMS says AWS manages it (metadata only).
      'kms:DescribeKey',
      ...SCOPE_PERMISSIONS,
    ],
    scope: { kind: 'resources', types: ['cloudwatch:alarm'] },
  },
} as const satisfies FamilyCatalogue;
