import { beforeEach, describe, expect, it, vi } from 'vitest';
import { backupChecks } from '../../../../lambdas/core/checks/backups/definitions';
import type { BackupsPorts } from '../../../../lambdas/core/checks/backups/ports';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import type { Finding } from '../../../../lambdas/core/findings';
import { sampleBackupsPorts } from '../../../../lambdas/sample/backups';
import {
  denied,
  dynamoTable,
  hoursAgo,
  NOW,
  ORDERS_ARN,
  rdsInstance,
  SESSIONS_ARN,
  settings,
} from './fixtures';

const check = backupChecks['database-backups'];

/** Only the backups ports matter to this check; the others are never touched. */
const account = (backups: BackupsPorts) => ({ backups }) as unknown as AccountPorts;

function fakePorts(overrides: Partial<BackupsPorts> = {}): BackupsPorts {
  return {
    listRdsInstances: vi.fn(async () => [rdsInstance()]),
    listRdsClusters: vi.fn(async () => []),
    listDynamoDbTables: vi.fn(async () => []),
    listProtectedResources: vi.fn(async () => []),
    listBackupJobs: vi.fn(async () => []),
    listRestoreJobs: vi.fn(async () => []),
    ...overrides,
  };
}

const pick = (findings: Finding[], resource: string, rule: string) =>
  findings.find((f) => f.resource === resource && f.rule === rule);

describe('database-backups check definition', () => {
  let ports: BackupsPorts;
  beforeEach(() => {
    ports = fakePorts();
  });

  it('asks for exactly the read-only actions its adapters call', () => {
    expect([...check.permissions].sort()).toEqual([
      'backup:ListBackupJobs',
      'backup:ListProtectedResources',
      'backup:ListRestoreJobs',
      'cloudformation:ListStackResources',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:ListTables',
      'rds:DescribeDBClusters',
      'rds:DescribeDBInstances',
      'sts:GetCallerIdentity',
      'tag:GetResources',
    ]);
  });

  it('reads AWS Backup history over the configured windows', async () => {
    await check.run(account(ports), settings({ jobLookbackHours: 12, restoreProofDays: 7 }), NOW);

    expect(ports.listBackupJobs).toHaveBeenCalledWith(hoursAgo(12));
    expect(ports.listRestoreJobs).toHaveBeenCalledWith(hoursAgo(7 * 24));
  });

  it('returns no findings, and reads no AWS Backup data, when there is no database', async () => {
    ports = fakePorts({ listRdsInstances: vi.fn(async () => []) });

    const findings = await check.run(account(ports), settings(), NOW);

    expect(findings).toEqual([]);
    expect(ports.listProtectedResources).not.toHaveBeenCalled();
  });

  it('reports a source it could not list as an inventory ERROR and still judges the others', async () => {
    ports = fakePorts({
      listDynamoDbTables: vi.fn(async () => {
        throw denied('dynamodb:ListTables');
      }),
    });

    const findings = await check.run(account(ports), settings(), NOW);

    expect(pick(findings, 'dynamodb-tables', 'inventory')).toMatchObject({
      status: 'ERROR',
      remediation: 'Allow dynamodb:ListTables for the role Preflight runs as.',
    });
    expect(pick(findings, ORDERS_ARN, 'protection')?.status).toBe('PASS');
  });

  it('turns one unreadable table into ERROR findings for that table only', async () => {
    ports = fakePorts({
      listDynamoDbTables: vi.fn(async () => [
        dynamoTable({ kind: 'unreadable', error: denied('dynamodb:DescribeContinuousBackups') }),
      ]),
    });

    const findings = await check.run(account(ports), settings(), NOW);

    expect(pick(findings, SESSIONS_ARN, 'protection')?.status).toBe('ERROR');
    expect(pick(findings, ORDERS_ARN, 'protection')?.status).toBe('PASS');
  });

  it('keeps RDS retention findings when AWS Backup is denied', async () => {
    ports = fakePorts({
      listProtectedResources: vi.fn(async () => {
        throw denied('backup:ListProtectedResources');
      }),
    });

    const findings = await check.run(account(ports), settings(), NOW);

    expect(pick(findings, ORDERS_ARN, 'protection')?.status).toBe('PASS');
    expect(pick(findings, ORDERS_ARN, 'backup-jobs')?.status).toBe('SKIPPED');
  });

  describe('on the sample account', () => {
    it('tells the documented story', async () => {
      const findings = await check.run(account(sampleBackupsPorts(NOW)), settings(), NOW);
      const table = new Map(findings.map((f) => [`${f.resource.split(/[:/]/).pop()} ${f.rule}`, f.status]));

      expect(Object.fromEntries(table)).toEqual({
        'orders-db protection': 'PASS',
        'orders-db freshness': 'PASS',
        'orders-db backup-jobs': 'PASS',
        'orders-db restore-test': 'PASS',
        'ledger-db protection': 'PASS',
        'ledger-db freshness': 'PASS',
        'ledger-db backup-jobs': 'FAIL',
        'ledger-db restore-test': 'PASS',
        'payments-aurora protection': 'FAIL',
        'payments-aurora freshness': 'PASS',
        'payments-aurora backup-jobs': 'SKIPPED',
        'payments-aurora restore-test': 'WARN',
        'sessions protection': 'PASS',
        'sessions freshness': 'FAIL',
        'sessions backup-jobs': 'SKIPPED',
        'sessions restore-test': 'PASS',
        'customers protection': 'PASS',
        'customers freshness': 'PASS',
        'customers backup-jobs': 'SKIPPED',
        'customers restore-test': 'WARN',
        'audit-events protection': 'ERROR',
        'audit-events freshness': 'ERROR',
        'audit-events backup-jobs': 'SKIPPED',
        'audit-events restore-test': 'WARN',
      });
    });
  });
});
