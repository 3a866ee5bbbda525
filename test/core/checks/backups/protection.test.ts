import { describe, expect, it } from 'vitest';
import type { DatabaseResource, ProtectedResource } from '../../../../lambdas/core/checks/backups/ports';
import { evaluateProtection } from '../../../../lambdas/core/checks/backups/rules/database-backups/protection';
import type { Outcome } from '../../../../lambdas/core/checks/kit/outcome';
import {
  coverageDenied,
  coveredAt,
  denied,
  dynamoTable,
  hoursAgo,
  notCovered,
  rdsInstance,
  settings,
} from './fixtures';

const retention = (retentionDays: number) => rdsInstance({ kind: 'retention', retentionDays });
const pitr = (enabled: boolean, recoveryPeriodDays?: number) =>
  dynamoTable({ kind: 'pitr', enabled, ...(recoveryPeriodDays === undefined ? {} : { recoveryPeriodDays }) });
const unreadable = dynamoTable({ kind: 'unreadable', error: denied('dynamodb:DescribeContinuousBackups') });

describe('evaluateProtection', () => {
  describe('native backups against minRetentionDays (7) without AWS Backup', () => {
    it.each<[string, DatabaseResource, string, RegExp]>([
      ['retention above the minimum', retention(14), 'PASS', /retained 14 days/],
      ['retention at the minimum', retention(7), 'PASS', /retained 7 days/],
      ['retention 0 (disabled)', retention(0), 'FAIL', /automated backups are disabled/],
      ['retention below the minimum', retention(3), 'FAIL', /retention is 3 days, below the minimum of 7/],
      ['PITR off', pitr(false), 'FAIL', /point-in-time recovery is off/],
      ['PITR on, 35 days', pitr(true, 35), 'PASS', /keeps 35 days/],
      ['PITR on, period not reported (35 by default)', pitr(true), 'PASS', /keeps 35 days/],
      ['PITR on, period below the minimum', pitr(true, 5), 'FAIL', /keeps 5 days, below the minimum of 7/],
    ])('%s: %s', (_case, db, status, message) => {
      const finding = evaluateProtection(db, notCovered, settings());

      expect(finding).toMatchObject({
        checkId: 'database-backups',
        rule: 'protection',
        resource: db.arn,
        status,
      });
      expect(finding.message).toMatch(message);
      expect(finding.evidence).toMatchObject({ minRetentionDays: 7, awsBackup: 'not protected' });
      if (status === 'FAIL') expect(finding.remediation).toBeTruthy();
    });

    it('honours a lower minimum from the settings', () => {
      const finding = evaluateProtection(retention(1), notCovered, settings({ minRetentionDays: 1 }));

      expect(finding.status).toBe('PASS');
      expect(finding.message).toMatch(/retained 1 day \(minimum 1\)/);
    });

    it('tells a cluster to change the cluster, not the instance', () => {
      const cluster = rdsInstance({ kind: 'retention', retentionDays: 1 }, { kind: 'rds-cluster' });

      const finding = evaluateProtection(cluster, notCovered, settings());

      expect(finding.status).toBe('FAIL');
      expect(finding.remediation).toMatch(/modify-db-cluster/);
    });
  });

  describe('AWS Backup coverage and unreadable sources', () => {
    it.each<[string, DatabaseResource, Outcome<ProtectedResource | undefined>, string, RegExp]>([
      [
        'disabled retention covered by AWS Backup',
        retention(0),
        coveredAt(hoursAgo(3)),
        'PASS',
        /Protected by AWS Backup/,
      ],
      [
        'PITR off covered by AWS Backup',
        pitr(false),
        coveredAt(hoursAgo(40)),
        'PASS',
        /Protected by AWS Backup/,
      ],
      ['native unreadable but covered', unreadable, coveredAt(hoursAgo(3)), 'PASS', /could not be read/],
      [
        'native unreadable and not covered',
        unreadable,
        notCovered,
        'ERROR',
        /DescribeContinuousBackups was denied/,
      ],
      ['good retention, AWS Backup unreadable', retention(14), coverageDenied, 'PASS', /retained 14 days/],
      [
        'short retention, AWS Backup unreadable',
        retention(3),
        coverageDenied,
        'ERROR',
        /coverage is unknown/,
      ],
      ['both unreadable', unreadable, coverageDenied, 'ERROR', /was denied/],
    ])('%s: %s', (_case, db, coverage, status, message) => {
      const finding = evaluateProtection(db, coverage, settings());

      expect(finding.status).toBe(status);
      expect(finding.message).toMatch(message);
      if (status === 'ERROR') expect(finding.remediation).toMatch(/^Allow /);
    });

    it('shows the AWS Backup coverage in the evidence', () => {
      const finding = evaluateProtection(retention(0), coveredAt(hoursAgo(3)), settings());

      expect(finding.evidence).toMatchObject({
        retentionDays: 0,
        awsBackup: 'protected',
        awsBackupLastBackupTime: hoursAgo(3).toISOString(),
      });
    });
  });
});
