import { explainError } from '../../errors';
import type { Finding } from '../../findings';
import { backupFinding } from './finding';
import { settle } from './outcome';
import type { BackupsPorts, DatabaseResource } from './ports';

/** The inventory sources, each read on its own so one denied service hides no other. */
const SOURCES = [
  { resource: 'rds-instances', read: (ports: BackupsPorts) => ports.listRdsInstances() },
  { resource: 'rds-clusters', read: (ports: BackupsPorts) => ports.listRdsClusters() },
  { resource: 'dynamodb-tables', read: (ports: BackupsPorts) => ports.listDynamoDbTables() },
] as const;

/** The databases found, and an ERROR finding for each source that could not be listed. */
export interface Inventory {
  readonly databases: DatabaseResource[];
  readonly failures: Finding[];
}

/** Lists every database; a source that fails becomes an `inventory` ERROR finding instead of a gap. */
export async function readInventory(ports: BackupsPorts): Promise<Inventory> {
  const outcomes = await Promise.all(SOURCES.map((source) => settle(() => source.read(ports))));
  const databases: DatabaseResource[] = [];
  const failures: Finding[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) {
      databases.push(...outcome.value);
      return;
    }
    const explained = explainError(outcome.error);
    failures.push(
      backupFinding('inventory', SOURCES[index]?.resource ?? 'unknown', {
        status: 'ERROR',
        message: `${explained.message} Databases of this kind were not audited.`,
        evidence: { code: explained.code },
        remediation: explained.remediation,
      }),
    );
  });
  return { databases, failures };
}
