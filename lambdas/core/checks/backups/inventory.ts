import { explainError } from '../../errors';
import type { Finding } from '../../findings';
import { type CheckScope, WHOLE_ACCOUNT } from '../../scope/check-scope';
import { settle } from '../kit/outcome';
import { backupFinding } from './finding';
import type { BackupsPorts, DatabaseResource } from './ports';

const identity = (db: { readonly arn: string; readonly name: string }) => ({ arn: db.arn, names: [db.name] });

/** The inventory sources, each read on its own so one denied service hides no other. */
const SOURCES = [
  {
    resource: 'rds-instances',
    read: async (ports: BackupsPorts, scope: CheckScope) =>
      scope.select(await ports.listRdsInstances(), identity),
  },
  {
    resource: 'rds-clusters',
    read: async (ports: BackupsPorts, scope: CheckScope) =>
      scope.select(await ports.listRdsClusters(), identity),
  },
  {
    resource: 'dynamodb-tables',
    // Tables out of scope are left out before their point-in-time recovery is described.
    read: async (ports: BackupsPorts, scope: CheckScope) =>
      scope.select(await ports.listDynamoDbTables((table) => scope.includes(identity(table))), identity),
  },
] as const;

/** The databases found, and an ERROR finding for each source that could not be listed. */
export interface Inventory {
  readonly databases: DatabaseResource[];
  readonly failures: Finding[];
}

/**
 * Lists every database in scope; a source that fails becomes an `inventory` ERROR finding instead
 * of a gap.
 */
export async function readInventory(
  ports: BackupsPorts,
  scope: CheckScope = WHOLE_ACCOUNT,
): Promise<Inventory> {
  const outcomes = await Promise.all(SOURCES.map((source) => settle(() => source.read(ports, scope))));
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
