import type { CheckId, CheckSettings } from '../config/schema';
import type { Finding } from '../findings';
import type { AlarmsPorts } from './alarms/ports';
import type { BackupsPorts } from './backups/ports';
import type { SecretsPorts } from './secrets/ports';
import type { TlsPorts } from './tls/ports';

/**
 * Everything a check may ask of an account. The AWS adapters (`lambdas/aws`) and the
 * built-in sample account (`lambdas/sample`) both implement it, so the same checks run on either.
 */
export interface AccountPorts {
  readonly backups: BackupsPorts;
  readonly tls: TlsPorts;
  readonly secrets: SecretsPorts;
  readonly alarms: AlarmsPorts;
}

/** One automated check: reads the account through ports, judges with pure logic. */
export interface CheckDefinition<Id extends CheckId = CheckId> {
  readonly id: Id;
  readonly title: string;
  /** IAM actions the check needs; read-only, metadata only. */
  readonly permissions: readonly string[];
  /**
   * Produces findings for every resource in scope. Per-resource failures become ERROR findings
   * inside; a failure that stops the whole check is thrown and the runner records it.
   */
  run(account: AccountPorts, settings: CheckSettings[Id], now: Date): Promise<Finding[]>;
}
