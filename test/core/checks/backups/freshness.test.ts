import { describe, expect, it } from 'vitest';
import type {
  BackupJob,
  DatabaseResource,
  ProtectedResource,
} from '../../../../lambdas/core/checks/backups/ports';
import { evaluateFreshness } from '../../../../lambdas/core/checks/backups/rules/database-backups/freshness';
import type { Outcome } from '../../../../lambdas/core/checks/kit/outcome';
import {
  coverageDenied,
  coveredAt,
  denied,
  dynamoTable,
  hoursAgo,
  NOW,
  notCovered,
  rdsInstance,
  SESSIONS_ARN,
  settings,
} from './fixtures';

const rds = (retentionDays: number, hours?: number) =>
  rdsInstance({
    kind: 'retention',
    retentionDays,
    ...(hours === undefined ? {} : { latestRestorableTime: hoursAgo(hours) }),
  });
const pitr = (enabled: boolean, hours?: number) =>
  dynamoTable({
    kind: 'pitr',
    enabled,
    ...(hours === undefined ? {} : { latestRestorableTime: hoursAgo(hours) }),
  });
const unreadable = dynamoTable({ kind: 'unreadable', error: denied('dynamodb:DescribeContinuousBackups') });

describe('evaluateFreshness', () => {
  describe('newest restorable point against rpoHours (24)', () => {
    it.each<
      [
        string,
        DatabaseResource,
        Outcome<ProtectedResource | undefined>,
        string,
        string | undefined,
        number | undefined,
      ]
    >([
      ['RDS restorable 6 minutes ago', rds(7, 0.1), notCovered, 'PASS', 'rds-automated-backup', 0.1],
      ['RDS restorable exactly at the RPO', rds(7, 24), notCovered, 'PASS', 'rds-automated-backup', 24],
      ['RDS restorable just past the RPO', rds(7, 24.1), notCovered, 'FAIL', 'rds-automated-backup', 24.1],
      ['PITR restorable 1 hour ago', pitr(true, 1), notCovered, 'PASS', 'dynamodb-pitr', 1],
      ['AWS Backup 40 hours ago only', pitr(false), coveredAt(hoursAgo(40)), 'FAIL', 'aws-backup', 40],
      [
        'AWS Backup newer than a stale RDS point',
        rds(7, 30),
        coveredAt(hoursAgo(3)),
        'PASS',
        'aws-backup',
        3,
      ],
      [
        'RDS newer than an old AWS Backup',
        rds(7, 0.5),
        coveredAt(hoursAgo(50)),
        'PASS',
        'rds-automated-backup',
        0.5,
      ],
      ['retention 0 leaves no native point', rds(0, 1), notCovered, 'FAIL', undefined, undefined],
      ['PITR off and no AWS Backup', pitr(false), notCovered, 'FAIL', undefined, undefined],
      ['covered but never backed up', pitr(false), coveredAt(undefined), 'FAIL', undefined, undefined],
    ])('%s: %s', (_case, db, coverage, status, source, age) => {
      const finding = evaluateFreshness(db, coverage, settings(), NOW);

      expect(finding).toMatchObject({ rule: 'freshness', resource: db.arn, status });
      expect(finding.evidence).toMatchObject({ rpoHours: 24, newestSource: source, ageHours: age });
      if (status === 'FAIL') expect(finding.remediation).toBeTruthy();
    });

    it('says when there is no restorable point at all', () => {
      const finding = evaluateFreshness(pitr(false), notCovered, settings(), NOW);

      expect(finding.message).toMatch(/No restorable point at all/);
    });

    it('uses the configured RPO', () => {
      const finding = evaluateFreshness(
        pitr(false),
        coveredAt(hoursAgo(40)),
        settings({ rpoHours: 48 }),
        NOW,
      );

      expect(finding.status).toBe('PASS');
      expect(finding.message).toMatch(/40 h old \(aws-backup\), within the 48 h RPO/);
    });
  });

  describe('while the next backup is being made', () => {
    const job = (state: string, hours: number): BackupJob => ({
      jobId: `job-${state}-${hours}`,
      resourceArn: SESSIONS_ARN,
      state,
      createdAt: hoursAgo(hours),
    });
    const jobs = (...list: BackupJob[]): Outcome<readonly BackupJob[]> => ({ ok: true, value: list });

    it.each<[string, Outcome<ProtectedResource | undefined>, Outcome<readonly BackupJob[]>, string]>([
      // The daily job started 23.5 h after the last point, within the 24 h RPO, and is still running.
      [
        'a daily job running, started within the RPO',
        coveredAt(hoursAgo(25)),
        jobs(job('RUNNING', 1.5)),
        'WARN',
      ],
      ['a job created and waiting to start', coveredAt(hoursAgo(25)), jobs(job('CREATED', 1.5)), 'WARN'],
      [
        'a job that started after the RPO had lapsed',
        coveredAt(hoursAgo(30)),
        jobs(job('RUNNING', 2)),
        'FAIL',
      ],
      [
        'a job that completed (its point is not listed yet)',
        coveredAt(hoursAgo(25)),
        jobs(job('COMPLETED', 1.5)),
        'FAIL',
      ],
      ['a failed job', coveredAt(hoursAgo(25)), jobs(job('FAILED', 1.5)), 'FAIL'],
      [
        'a running job older than the newest point',
        coveredAt(hoursAgo(25)),
        jobs(job('RUNNING', 26)),
        'FAIL',
      ],
      [
        'the jobs could not be listed',
        coveredAt(hoursAgo(25)),
        { ok: false, error: denied('backup:ListBackupJobs') },
        'FAIL',
      ],
      ['no point yet, the first backup running', notCovered, jobs(job('RUNNING', 2)), 'WARN'],
      ['no point yet, a job running for longer than the RPO', notCovered, jobs(job('RUNNING', 30)), 'FAIL'],
    ])('%s: %s', (_case, coverage, backupJobs, status) => {
      const finding = evaluateFreshness(pitr(false), coverage, settings(), NOW, backupJobs);

      expect(finding.status).toBe(status);
      if (status === 'WARN') {
        expect(finding.message).toMatch(/AWS Backup job job-\w+-[\d.]+ started [\d.]+ h ago, within the RPO/);
        expect(finding.evidence).toHaveProperty('inProgressJob');
      }
    });
  });

  describe('with a source that could not be read', () => {
    it.each<[string, DatabaseResource, Outcome<ProtectedResource | undefined>, string]>([
      ['a fresh RDS point while AWS Backup is unreadable', rds(7, 1), coverageDenied, 'PASS'],
      ['a stale RDS point while AWS Backup is unreadable', rds(7, 30), coverageDenied, 'ERROR'],
      ['a fresh AWS Backup point while PITR is unreadable', unreadable, coveredAt(hoursAgo(2)), 'PASS'],
      ['PITR unreadable and no AWS Backup', unreadable, notCovered, 'ERROR'],
      ['both unreadable', unreadable, coverageDenied, 'ERROR'],
    ])('%s: %s', (_case, db, coverage, status) => {
      const finding = evaluateFreshness(db, coverage, settings(), NOW);

      expect(finding.status).toBe(status);
      if (status === 'ERROR') {
        expect(finding.message).toMatch(/was denied/);
        expect(finding.remediation).toMatch(/^Allow /);
        expect(finding.evidence).toHaveProperty('unreadableSources');
      }
    });
  });
});
