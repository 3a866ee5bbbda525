import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { Finding } from '../../../lambdas/core/findings';
import { evaluateAttestations } from '../../../lambdas/core/gate/attestations';
import { backupOutcomeFrom, evaluateBackups } from '../../../lambdas/core/gate/backup';
import { diffPosture } from '../../../lambdas/core/gate/posture';
import { evaluateSignoffs, judgeSignoff } from '../../../lambdas/core/gate/signoffs';

describe('evaluateAttestations', () => {
  it('passes what was attested, with its link, and fails what is required but missing', () => {
    const findings = evaluateAttestations(
      SEED_CHECKLIST,
      { 'tests-passing': 'https://ci/1', 'feature-flags': 'https://flags/2' },
      ['tests-passing', 'build-completed'],
    );
    expect(findings.map((f) => [f.itemId, f.status])).toEqual([
      ['application.tests-passing', 'PASS'],
      ['application.build-completed', 'FAIL'],
      ['application.feature-flags', 'PASS'],
    ]);
    expect(findings[0]?.evidence).toEqual({ url: 'https://ci/1' });
  });
});

describe('sign-offs: judged on the answer the control endpoint recorded', () => {
  const START = new Date('2026-11-26T09:00:00.000Z');
  const context = { timeoutMinutes: 60, runStartedAt: START };
  const BY = 'arn:aws:sts::123456789012:assumed-role/SecurityApprovers/ana';
  const approval = { role: 'Security Engineer', approved: true, by: BY, at: '2026-11-26T09:30:00.000Z' };
  const rejection = { ...approval, approved: false, reason: 'open CVE' };
  const released = { kind: 'released' } as const;
  const failed = (name: string, cause?: string) =>
    ({ kind: 'failed', error: { Error: name, ...(cause ? { Cause: cause } : {}) } }) as const;

  it('passes a released task only with a recorded approval, naming who and when', () => {
    expect(judgeSignoff('Security Engineer', released, { ...approval, comment: 'ok' }, context)).toEqual({
      role: 'Security Engineer',
      approved: true,
      by: BY,
      at: '2026-11-26T09:30:00.000Z',
      comment: 'ok',
    });
  });

  it.each([
    [
      'released, nothing recorded (a forged SendTaskSuccess)',
      released,
      undefined,
      "the sign-off was released as approved, but no answer recorded by Preflight's sign-off endpoint",
    ],
    [
      'released, the recorded answer is for another role',
      released,
      { ...approval, role: 'Product Manager' },
      "the sign-off was released as approved, but no answer recorded by Preflight's sign-off endpoint",
    ],
    [
      'released, the recorded approval predates the run (an earlier run of the same name)',
      released,
      { ...approval, at: '2026-11-26T08:59:59.000Z' },
      "the sign-off was released as approved, but no answer recorded by Preflight's sign-off endpoint",
    ],
    ['released, but the record rejects', released, rejection, `rejected by ${BY}: open CVE`],
    ['rejected, with its record', failed('SignoffRejected', '{}'), rejection, `rejected by ${BY}: open CVE`],
    [
      'rejected, nothing recorded (a forged SendTaskFailure)',
      failed('SignoffRejected', '{"by":"mallory"}'),
      undefined,
      "rejected, but no answer recorded by Preflight's sign-off endpoint",
    ],
    [
      'rejected, though an approval is recorded',
      failed('SignoffRejected'),
      approval,
      `the sign-off task was failed although an approval by ${BY} is recorded; not trusted`,
    ],
    ['timed out', failed('States.Timeout'), undefined, 'no answer within 60 minutes (timed out)'],
    [
      'the request failed',
      failed('Lambda.ServiceException', 'boom'),
      undefined,
      'the sign-off request failed: Lambda.ServiceException boom',
    ],
  ])('fails when %s', (_case, outcome, recorded, reason) => {
    expect(judgeSignoff('Security Engineer', outcome, recorded, context)).toMatchObject({
      approved: false,
      reason,
    });
  });

  it('maps each answer to the sign-off item of its role', () => {
    const findings = evaluateSignoffs(SEED_CHECKLIST, [
      { role: 'Risk Management', approved: true, by: 'bo', at: 'now' },
      { role: 'Release Captain', approved: false, reason: 'no' },
    ]);
    expect(findings.map((f) => [f.itemId, f.status])).toEqual([
      ['signoff-business.risk-management', 'PASS'],
      [undefined, 'FAIL'],
    ]);
  });
});

describe('pre-deployment backups', () => {
  it.each([
    [
      { resourceArn: 'db', backupJobId: 'j', description: { State: 'COMPLETED' } },
      'PASS',
      'Backup job j completed.',
    ],
    [
      { resourceArn: 'db', backupJobId: 'j', description: { State: 'ABORTED', StatusMessage: 'stopped' } },
      'FAIL',
      'Pre-deployment backup ABORTED: stopped.',
    ],
    [
      { resourceArn: 'db', backupJobId: 'j', timedOut: true },
      'FAIL',
      'Pre-deployment backup TIMED_OUT: still running when the gate stopped waiting.',
    ],
    [
      { resourceArn: 'db', error: { Error: 'Backup.AccessDeniedException', Cause: 'denied' } },
      'FAIL',
      'Pre-deployment backup FAILED: the job could not be started or read: Backup.AccessDeniedException denied.',
    ],
  ])('judges %j as %s', (record, status, message) => {
    expect(evaluateBackups([backupOutcomeFrom(record)])[0]).toMatchObject({
      status,
      message,
      itemId: 'phase1.pre-deployment-backup',
    });
  });
});

describe('diffPosture', () => {
  const f = (resource: string, status: Finding['status']): Finding => ({
    checkId: 'c',
    rule: 'r',
    resource,
    status,
    message: '',
  });

  it('treats everything failing as new on the first run', () => {
    expect(diffPosture(undefined, [f('a', 'FAIL'), f('b', 'PASS'), f('c', 'ERROR')])).toEqual({
      newFailures: ['c r a', 'c r c'],
      recoveries: [],
      failing: ['c r a', 'c r c'],
    });
  });

  it('reports only what changed since the previous run', () => {
    expect(diffPosture(['c r a', 'c r c'], [f('a', 'FAIL'), f('c', 'PASS'), f('d', 'FAIL')])).toEqual({
      newFailures: ['c r d'],
      recoveries: ['c r c'],
      failing: ['c r a', 'c r d'],
    });
  });
});
