import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { Finding } from '../../../lambdas/core/findings';
import { evaluateAttestations } from '../../../lambdas/core/gate/attestations';
import { backupOutcomeFrom, evaluateBackups } from '../../../lambdas/core/gate/backup';
import { diffPosture } from '../../../lambdas/core/gate/posture';
import { answerFromTaskFailure, evaluateSignoffs } from '../../../lambdas/core/gate/signoffs';

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

describe('sign-offs', () => {
  it('turns a rejection into a failing answer that names who and why', () => {
    const answer = answerFromTaskFailure(
      'Security Engineer',
      {
        Error: 'SignoffRejected',
        Cause: JSON.stringify({ reason: 'open CVE', by: 'ana', at: '2026-11-26T10:00:00Z' }),
      },
      60,
    );
    expect(answer).toEqual({
      role: 'Security Engineer',
      approved: false,
      reason: 'rejected by ana: open CVE',
      by: 'ana',
      at: '2026-11-26T10:00:00Z',
    });
  });

  it.each([
    [{ Error: 'States.Timeout' }, 'no answer within 60 minutes (timed out)'],
    [{ Error: 'SignoffRejected', Cause: 'not json' }, 'rejected: not json'],
    [
      { Error: 'Lambda.ServiceException', Cause: 'boom' },
      'the sign-off request failed: Lambda.ServiceException boom',
    ],
  ])('turns %j into a failing answer', (error, reason) => {
    expect(answerFromTaskFailure('DBA', error, 60)).toMatchObject({ approved: false, reason });
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
