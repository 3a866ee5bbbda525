import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/** Exactly the calls `lambdas/aws/backups` makes. */
const PERMISSIONS = [
  'rds:DescribeDBInstances',
  'rds:DescribeDBClusters',
  'dynamodb:ListTables',
  'dynamodb:DescribeContinuousBackups',
  'backup:ListProtectedResources',
  'backup:ListBackupJobs',
  'backup:ListRestoreJobs',
  // Gives the account and partition of DynamoDB table ARNs; AWS allows it without any policy.
  'sts:GetCallerIdentity',
  ...SCOPE_PERMISSIONS.filter((action) => action !== 'sts:GetCallerIdentity'),
];

/**
 * The backups family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const backupCatalogue = {
  'database-backups': {
    id: 'database-backups',
    title: 'Database backups verified and restorable',
    permissions: PERMISSIONS,
    scope: { kind: 'resources', types: ['rds:db', 'rds:cluster', 'dynamodb:table'] },
  },
} as const satisfies FamilyCatalogue;
