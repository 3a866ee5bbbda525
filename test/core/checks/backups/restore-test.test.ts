import { describe, expect, it } from 'vitest';
import type { RestoreJob } from '../../../../lambdas/core/checks/backups/ports';
import { evaluateRestoreTest } from '../../../../lambdas/core/checks/backups/rules/database-backups/restore-test';
import { denied, hoursAgo, NOW, ORDERS_ARN, rdsInstance, settings } from './fixtures';

const PLAN = 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:weekly_database_restore_test';

const restore = (
  jobId: string,
  status: string,
  daysAgo: number,
  extra: Partial<RestoreJob> = {},
): RestoreJob => ({
  jobId,
  sourceResourceArn: ORDERS_ARN,
  status,
  createdAt: hoursAgo(daysAgo * 24 + 1),
  completedAt: hoursAgo(daysAgo * 24),
  ...extra,
});

describe('evaluateRestoreTest', () => {
  describe('the latest completed restore decides', () => {
    it.each<[string, RestoreJob[], string, RegExp]>([
      [
        'validated by a restore testing plan',
        [restore('r1', 'COMPLETED', 5, { validationStatus: 'SUCCESSFUL', restoreTestingPlanArn: PLAN })],
        'PASS',
        /Restored 5 days ago by restore testing plan weekly_database_restore_test; validation SUCCESSFUL/,
      ],
      [
        'completed, no validation reported',
        [restore('r1', 'COMPLETED', 12)],
        'PASS',
        /no validation reported/,
      ],
      [
        'completed, validation still running',
        [restore('r1', 'COMPLETED', 1, { validationStatus: 'VALIDATING' })],
        'PASS',
        /validation still running/,
      ],
      [
        'validation FAILED',
        [
          restore('r1', 'COMPLETED', 2, {
            validationStatus: 'FAILED',
            validationMessage: 'row count mismatch',
          }),
        ],
        'FAIL',
        /validation FAILED: row count mismatch/,
      ],
      [
        'validation TIMED_OUT',
        [restore('r1', 'COMPLETED', 2, { validationStatus: 'TIMED_OUT' })],
        'FAIL',
        /validation TIMED_OUT/,
      ],
      [
        'latest validation failed after an earlier success',
        [
          restore('old', 'COMPLETED', 20, { validationStatus: 'SUCCESSFUL' }),
          restore('new', 'COMPLETED', 2, { validationStatus: 'FAILED' }),
        ],
        'FAIL',
        /validation FAILED/,
      ],
      [
        'a later restore job failed',
        [restore('ok', 'COMPLETED', 10), restore('bad', 'FAILED', 2, { statusMessage: 'KMS key disabled' })],
        'WARN',
        /later restore job failed: KMS key disabled/,
      ],
      [
        'an earlier failure, then a success',
        [restore('bad', 'FAILED', 10), restore('ok', 'COMPLETED', 2, { validationStatus: 'SUCCESSFUL' })],
        'PASS',
        /Restored 2 days ago; validation SUCCESSFUL/,
      ],
    ])('%s: %s', (_case, jobs, status, message) => {
      const finding = evaluateRestoreTest(rdsInstance(), { ok: true, value: jobs }, settings(), NOW);

      expect(finding).toMatchObject({ rule: 'restore-test', resource: ORDERS_ARN, status });
      expect(finding.message).toMatch(message);
      if (status !== 'PASS') expect(finding.remediation).toBeTruthy();
    });

    it('records that validation was not reported', () => {
      const finding = evaluateRestoreTest(
        rdsInstance(),
        { ok: true, value: [restore('r1', 'COMPLETED', 12)] },
        settings(),
        NOW,
      );

      expect(finding.evidence).toMatchObject({
        validation: 'not reported',
        latestCompleted: { jobId: 'r1', status: 'COMPLETED' },
      });
    });
  });

  describe('without a completed restore', () => {
    it.each<[string, RestoreJob[], 'WARN' | 'FAIL', string, RegExp]>([
      ['no restore at all (default WARN)', [], 'WARN', 'WARN', /No completed restore in the last 30 days/],
      ['no restore at all, configured FAIL', [], 'FAIL', 'FAIL', /restorability is unproven/],
      ['only a running restore', [restore('r1', 'RUNNING', 0)], 'WARN', 'WARN', /one is in progress/],
      ['only an aborted restore', [restore('r1', 'ABORTED', 3)], 'WARN', 'WARN', /No completed restore/],
      [
        'the latest restore FAILED',
        [
          restore('r1', 'ABORTED', 9),
          restore('r2', 'FAILED', 3, { statusMessage: 'Subnet group not found' }),
        ],
        'WARN',
        'FAIL',
        /latest restore job FAILED: Subnet group not found/,
      ],
    ])('%s: %s', (_case, jobs, missingRestoreProof, status, message) => {
      const finding = evaluateRestoreTest(
        rdsInstance(),
        { ok: true, value: jobs },
        settings({ missingRestoreProof }),
        NOW,
      );

      expect(finding.status).toBe(status);
      expect(finding.message).toMatch(message);
      expect(finding.remediation).toBeTruthy();
    });
  });

  it('is ERROR, not a pass, when restore jobs could not be listed', () => {
    const finding = evaluateRestoreTest(
      rdsInstance(),
      { ok: false, error: denied('backup:ListRestoreJobs') },
      settings(),
      NOW,
    );

    expect(finding.status).toBe('ERROR');
    expect(finding.remediation).toBe('Allow backup:ListRestoreJobs for the role Preflight runs as.');
  });
});
