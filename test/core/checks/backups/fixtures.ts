import type {
  DatabaseResource,
  NativeBackupState,
  ProtectedResource,
} from '../../../../lambdas/core/checks/backups/ports';
import type { BackupsSettings } from '../../../../lambdas/core/checks/backups/settings';
import type { Outcome } from '../../../../lambdas/core/checks/kit/outcome';
import { ConfigSchema } from '../../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../../lambdas/core/errors';

/** The fixed instant every backups test judges at. */
export const NOW = new Date('2026-03-10T12:00:00.000Z');

/** `NOW` minus the given hours. */
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

/** The check's settings with defaults, optionally overridden. */
export function settings(overrides: Partial<BackupsSettings> = {}): BackupsSettings {
  return { ...ConfigSchema.parse({}).checks['database-backups'], ...overrides };
}

export const ORDERS_ARN = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
export const SESSIONS_ARN = 'arn:aws:dynamodb:eu-west-1:111122223333:table/sessions';

/** An AccessDenied as the adapters raise it. */
export const denied = (action: string) =>
  new AwsCallError(action, 'access-denied', 'AccessDeniedException', `not authorized to perform ${action}`);

export function rdsInstance(
  native: NativeBackupState = { kind: 'retention', retentionDays: 14, latestRestorableTime: hoursAgo(0.1) },
  extra: Partial<DatabaseResource> = {},
): DatabaseResource {
  return { kind: 'rds-instance', arn: ORDERS_ARN, name: 'orders-db', engine: 'postgres', native, ...extra };
}

export function dynamoTable(
  native: NativeBackupState,
  extra: Partial<DatabaseResource> = {},
): DatabaseResource {
  return {
    kind: 'dynamodb-table',
    arn: SESSIONS_ARN,
    name: 'sessions',
    engine: 'dynamodb',
    native,
    ...extra,
  };
}

export const notCovered: Outcome<ProtectedResource | undefined> = { ok: true, value: undefined };
export const coveredAt = (lastBackupTime: Date | undefined): Outcome<ProtectedResource | undefined> => ({
  ok: true,
  value: { resourceArn: ORDERS_ARN, ...(lastBackupTime === undefined ? {} : { lastBackupTime }) },
});
export const coverageDenied: Outcome<ProtectedResource | undefined> = {
  ok: false,
  error: denied('backup:ListProtectedResources'),
};
