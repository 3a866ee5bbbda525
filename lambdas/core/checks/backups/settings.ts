import type { CheckSettings } from '../../config/schema';

/** The `checks.database-backups` block of the configuration, defaults filled in. */
export type BackupsSettings = CheckSettings['database-backups'];
