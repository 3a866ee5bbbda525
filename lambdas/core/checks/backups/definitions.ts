import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import { daysBefore, hoursBefore } from '../kit/time';
import { type CheckDefinition, SCOPE_PERMISSIONS } from '../types';
import { databasesInScope, evaluateBackups } from './evaluate';
import { readInventory } from './inventory';

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

/** The `database-backups` check: "Database backups verified and restorable". */
export const backupChecks: { readonly 'database-backups': CheckDefinition<'database-backups'> } = {
  'database-backups': {
    id: 'database-backups',
    title: 'Database backups verified and restorable',
    permissions: PERMISSIONS,
    scope: { kind: 'resources', types: ['rds:db', 'rds:cluster', 'dynamodb:table'] },
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const ports = account.backups;
      const inventory = await readInventory(ports, scope);
      // Nothing to judge: an empty result lets the runner record SKIPPED (plus any listing errors).
      if (databasesInScope(inventory.databases).length === 0) return inventory.failures;
      const [protectedResources, backupJobs, restoreJobs] = await Promise.all([
        settle(() => ports.listProtectedResources()),
        settle(() => ports.listBackupJobs(hoursBefore(now, settings.jobLookbackHours))),
        settle(() => ports.listRestoreJobs(daysBefore(now, settings.restoreProofDays))),
      ]);
      const evidence = { databases: inventory.databases, protectedResources, backupJobs, restoreJobs };
      return [...inventory.failures, ...evaluateBackups(evidence, settings, now)];
    },
  },
};
