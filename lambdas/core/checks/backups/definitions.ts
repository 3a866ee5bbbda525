import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import { daysBefore, hoursBefore } from '../kit/time';
import type { FamilyDefinitions } from '../types';
import { backupCatalogue } from './catalogue';
import { databasesInScope, evaluateBackups } from './evaluate';
import { readInventory } from './inventory';

/** The `database-backups` check: "Database backups verified and restorable". */
export const backupChecks: FamilyDefinitions<typeof backupCatalogue> = {
  'database-backups': {
    ...backupCatalogue['database-backups'],
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
